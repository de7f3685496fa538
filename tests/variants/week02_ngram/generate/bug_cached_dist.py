# bug[stale-state]: 把 next_dist 的结果按历史缓存在全局字典里: 换了一个模型, 同样的历史还用旧模型的分布
import numpy as np

_dist_cache = {}


def generate(next_dist, n, rng, max_len=50):
    history = ["<s>"] * (n - 1)
    out = []
    while len(out) < max_len:
        context = tuple(history[len(history) - (n - 1):])
        if context not in _dist_cache:
            _dist_cache[context] = next_dist(context)
        dist = _dist_cache[context]
        tokens = list(dist)
        token = tokens[rng.choice(len(tokens), p=[dist[t] for t in tokens])]
        if token == "</s>":
            break
        out.append(token)
        history.append(token)
    return out
