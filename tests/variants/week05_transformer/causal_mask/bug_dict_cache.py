# bug[stale-state]: 按 T 缓存掩码, 每次返回同一个张量: 调用者原地改过之后, 下一次拿到的是改过的旧掩码
import torch

_cache = {}


def causal_mask(T):
    if T not in _cache:
        _cache[T] = torch.ones(T, T, dtype=torch.bool).tril()
    return _cache[T]
