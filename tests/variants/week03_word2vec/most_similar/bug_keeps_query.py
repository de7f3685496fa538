# bug[wrong-math]: 没有排除查询词本身, 第一名永远是它自己 (相似度 1)
import numpy as np


def most_similar(E, vocab, word, topn=10):
    E = np.asarray(E, dtype=float)
    unit = E / np.linalg.norm(E, axis=1, keepdims=True)
    q = list(vocab).index(word)
    sims = unit @ unit[q]
    order = sorted(range(len(sims)), key=lambda i: (-sims[i], i))
    return [(vocab[i], float(sims[i])) for i in order[:topn]]
