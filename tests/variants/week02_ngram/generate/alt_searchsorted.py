# 正确: 自己做逆 CDF 采样: 均匀随机数 + 累积概率上的二分查找
import numpy as np


def generate(next_dist, n, rng, max_len=50):
    padded = ("<s>",) * (n - 1)
    out = []
    for _ in range(max_len):
        context = padded[len(padded) - n + 1:] if n > 1 else ()
        dist = next_dist(context)
        tokens = list(dist.keys())
        cdf = np.cumsum([dist[t] for t in tokens])
        idx = int(np.searchsorted(cdf, rng.random() * cdf[-1], side="right"))
        token = tokens[min(idx, len(tokens) - 1)]
        if token == "</s>":
            return out
        out.append(token)
        padded = padded + (token,)
    return out
