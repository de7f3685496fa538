# 正确: Gumbel-max 技巧: argmax(ln p + Gumbel 噪声) 服从分布 p; 词元先排序, 与字典顺序无关
import numpy as np


def generate(next_dist, n, rng, max_len=50):
    words = []
    while len(words) < max_len:
        history = ["<s>"] * (n - 1) + words
        context = tuple(history[len(history) - (n - 1):]) if n > 1 else ()
        items = sorted(next_dist(context).items())
        tokens = [t for t, _ in items]
        logp = np.log(np.array([p for _, p in items], dtype=float))  # p = 0 -> -inf, 永远选不到
        token = tokens[int(np.argmax(logp + rng.gumbel(size=len(tokens))))]
        if token == "</s>":
            break
        words.append(token)
    return words
