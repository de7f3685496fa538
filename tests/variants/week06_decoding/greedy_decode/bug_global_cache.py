# bug[stale-state]: 用模块级的字典按前文缓存模型的输出, 换了一个模型还在用旧模型的结果
import torch

_cache = {}


def greedy_decode(next_logprobs, prefix, max_new_tokens, eos_id=None):
    seq, out = tuple(prefix), []
    for _ in range(max_new_tokens):
        if seq not in _cache:
            _cache[seq] = int(torch.argmax(torch.as_tensor(next_logprobs(seq))))
        token = _cache[seq]
        out.append(token)
        seq = seq + (token,)
        if token == eos_id:
            break
    return out
