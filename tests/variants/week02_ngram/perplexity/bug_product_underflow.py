# bug[long-input]: 先把对数概率变回概率再连乘, 长语料下溢成 0
import math


def perplexity(sentences, logprob_fn):
    prob, n_tokens = 1.0, 0
    for s in sentences:
        prob *= math.exp(logprob_fn(s))
        n_tokens += len(s) + 1
    return prob ** (-1.0 / n_tokens) if prob > 0 else float("inf")
