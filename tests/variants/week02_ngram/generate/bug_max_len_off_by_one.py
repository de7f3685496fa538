# bug[wrong-math]: 循环条件写成 <=, 最多会生成 max_len + 1 个词元
import numpy as np


def generate(next_dist, n, rng, max_len=50):
    history = ["<s>"] * (n - 1)
    out = []
    while len(out) <= max_len:
        dist = next_dist(tuple(history[len(history) - (n - 1):]))
        tokens = list(dist)
        token = tokens[rng.choice(len(tokens), p=[dist[t] for t in tokens])]
        if token == "</s>":
            break
        out.append(token)
        history.append(token)
    return out
