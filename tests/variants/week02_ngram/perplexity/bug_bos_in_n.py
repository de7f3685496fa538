# bug[wrong-math]: 把 <s> 也算进了词元数 N (每句 len + 2)
import math


def perplexity(sentences, logprob_fn):
    total = sum(logprob_fn(s) for s in sentences)
    n_tokens = sum(len(s) + 2 for s in sentences)
    return math.exp(-total / n_tokens)
