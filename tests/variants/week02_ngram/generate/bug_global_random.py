# bug[stale-state]: 没用传进来的 rng, 而是用了全局的 np.random
import numpy as np


def generate(next_dist, n, rng, max_len=50):
    history = ["<s>"] * (n - 1)
    out = []
    while len(out) < max_len:
        dist = next_dist(tuple(history[len(history) - (n - 1):]))
        tokens = list(dist)
        token = tokens[np.random.choice(len(tokens), p=[dist[t] for t in tokens])]
        if token == "</s>":
            break
        out.append(token)
        history.append(token)
    return out
