# bug[mutation]: 用 /= 原地把 E 的每一行归一化; np.asarray 不复制 float64 数组, 调用者的词向量矩阵被改成了单位向量
import numpy as np


def analogy(E, vocab, a, b, c, topn=5):
    E = np.asarray(E, dtype=float)
    E /= np.linalg.norm(E, axis=1, keepdims=True)
    index = {w: i for i, w in enumerate(vocab)}
    ia, ib, ic = index[a], index[b], index[c]
    scores = E @ (E[ib] - E[ia] + E[ic])
    order = [i for i in sorted(range(len(scores)), key=lambda i: (-scores[i], i)) if i not in (ia, ib, ic)]
    return [(vocab[i], float(scores[i])) for i in order[:topn]]
