# 正确: 用 numpy 求和, 直接返回 np.float64 (它也是 float); -inf 的句子让总和为 -inf, np.exp(inf) = inf
import numpy as np


def perplexity(sentences, logprob_fn):
    total = np.sum([logprob_fn(s) for s in sentences])
    n_tokens = sum(len(s) + 1 for s in sentences)
    return np.exp(-total / n_tokens)
