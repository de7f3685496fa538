# bug[wrong-math]: 历史只用了最后一个词元 (把三元模型当成二元模型)
import numpy as np


def generate(next_dist, n, rng, max_len=50):
    history = ["<s>"] * (n - 1)
    out = []
    while len(out) < max_len:
        dist = next_dist(tuple(history[-1:]) if n > 1 else ())
        tokens = list(dist)
        token = tokens[rng.choice(len(tokens), p=[dist[t] for t in tokens])]
        if token == "</s>":
            break
        out.append(token)
        history.append(token)
    return out
