# bug[mutation]: 用 /= 原地把 E 的每一行归一化; np.asarray 不复制 float64 数组, 调用者的词向量矩阵被改成了单位向量
import numpy as np


def most_similar(E, vocab, word, topn=10):
    E = np.asarray(E, dtype=float)
    E /= np.linalg.norm(E, axis=1, keepdims=True)
    q = list(vocab).index(word)
    sims = E @ E[q]
    order = [i for i in sorted(range(len(sims)), key=lambda i: (-sims[i], i)) if i != q]
    return [(vocab[i], float(sims[i])) for i in order[:topn]]
