# 正确: 递归写法, 用 numpy 的 argmax (并列时同样返回第一个)
import numpy as np


def greedy_decode(next_logprobs, prefix, max_new_tokens, eos_id=None):
    if max_new_tokens == 0:
        return []
    token = int(np.argmax(np.asarray(next_logprobs(tuple(prefix)))))
    if token == eos_id:
        return [token]
    return [token] + greedy_decode(next_logprobs, tuple(prefix) + (token,), max_new_tokens - 1, eos_id)
