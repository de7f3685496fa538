# bug[edge-shape]: 跳过了空句子 (以为它没有词元): 空句子也有一个要预测的 </s>, 它的对数概率和 N 都要算
import math


def perplexity(sentences, logprob_fn):
    total_logprob, n_tokens = 0.0, 0
    for sentence in sentences:
        if not sentence:
            continue
        total_logprob += logprob_fn(sentence)
        n_tokens += len(sentence) + 1
    return math.exp(-total_logprob / n_tokens) if n_tokens else float("nan")
