# bug[mutation]: 采样前把概率为 0 的词元从 next_dist 返回的字典里删掉 (del dist[t]): 那是模型自己的表, 被改掉了
import numpy as np


def generate(next_dist, n, rng, max_len=50):
    history = ["<s>"] * (n - 1)
    out = []
    while len(out) < max_len:
        dist = next_dist(tuple(history[len(history) - (n - 1):]))
        for t in [t for t, p in dist.items() if p == 0]:
            del dist[t]
        tokens = list(dist)
        token = tokens[rng.choice(len(tokens), p=[dist[t] for t in tokens])]
        if token == "</s>":
            break
        out.append(token)
        history.append(token)
    return out
