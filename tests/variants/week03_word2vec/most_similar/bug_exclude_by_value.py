# bug[wrong-math]: 用 “相似度 < 1” 来排除查询词, 把方向相同的其他词也一起排除了
import numpy as np


def most_similar(E, vocab, word, topn=10):
    E = np.asarray(E, dtype=float)
    unit = E / np.linalg.norm(E, axis=1, keepdims=True)
    sims = unit @ unit[list(vocab).index(word)]
    order = [i for i in sorted(range(len(sims)), key=lambda i: (-sims[i], i)) if sims[i] < 1 - 1e-9]
    return [(vocab[i], float(sims[i])) for i in order[:topn]]
