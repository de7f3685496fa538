# bug[wrong-math]: 把采到的 </s> 也放进了结果
import numpy as np


def generate(next_dist, n, rng, max_len=50):
    history = ["<s>"] * (n - 1)
    out = []
    while len(out) < max_len:
        dist = next_dist(tuple(history[len(history) - (n - 1):]))
        tokens = list(dist)
        token = tokens[rng.choice(len(tokens), p=[dist[t] for t in tokens])]
        out.append(token)
        history.append(token)
        if token == "</s>":
            break
    return out
