# bug[wrong-math]: 用欧氏距离 (越小越近) 找近邻, 返回 1 - 距离 当作相似度, 而不是余弦
import numpy as np


def most_similar(E, vocab, word, topn=10):
    E = np.asarray(E, dtype=float)
    q = list(vocab).index(word)
    dist = np.linalg.norm(E - E[q], axis=1)
    order = [i for i in sorted(range(len(E)), key=lambda i: (dist[i], i)) if i != q]
    return [(vocab[i], float(1 - dist[i])) for i in order[:topn]]
