# bug[edge-shape]: 历史写成 history[-(n - 1):]: n = 1 时 -(n - 1) = 0, 切片 history[0:] 是整个历史而不是空 tuple
import numpy as np


def generate(next_dist, n, rng, max_len=50):
    history = ["<s>"] * (n - 1)
    out = []
    while len(out) < max_len:
        dist = next_dist(tuple(history[-(n - 1):]))
        tokens = list(dist)
        token = tokens[rng.choice(len(tokens), p=[dist[t] for t in tokens])]
        if token == "</s>":
            break
        out.append(token)
        history.append(token)
    return out
