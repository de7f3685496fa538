# bug[non-default-arg]: 长度上限写死成 50, 忽略了参数 max_len
import numpy as np


def generate(next_dist, n, rng, max_len=50):
    history = ["<s>"] * (n - 1)
    out = []
    while len(out) < 50:
        dist = next_dist(tuple(history[len(history) - (n - 1):]))
        tokens = list(dist)
        token = tokens[rng.choice(len(tokens), p=[dist[t] for t in tokens])]
        if token == "</s>":
            break
        out.append(token)
        history.append(token)
    return out
