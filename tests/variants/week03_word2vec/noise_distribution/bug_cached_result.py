# bug[aliasing]: 按 (频数, power) 缓存结果, 每次返回缓存里的同一个数组; 调用者改了返回值, 下一次调用就拿到改过的数组
import numpy as np

_CACHE = {}


def noise_distribution(counts, power=0.75):
    key = (tuple(float(c) for c in counts), float(power))
    if key not in _CACHE:
        w = np.asarray(counts, dtype=float) ** power
        _CACHE[key] = w / w.sum()
    return _CACHE[key]
