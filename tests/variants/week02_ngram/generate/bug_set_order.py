# bug[order-dependence]: 词元取自 set(dist): 集合的迭代顺序随字符串哈希 (PYTHONHASHSEED) 变化, 同一个种子在另一个进程里生成不同的句子
import numpy as np


def generate(next_dist, n, rng, max_len=50):
    history = ["<s>"] * (n - 1)
    out = []
    while len(out) < max_len:
        dist = next_dist(tuple(history[len(history) - (n - 1):]))
        tokens = list(set(dist))
        probs = np.array([dist[t] for t in tokens], dtype=float)
        token = tokens[rng.choice(len(tokens), p=probs)]
        if token == "</s>":
            break
        out.append(token)
        history.append(token)
    return out
