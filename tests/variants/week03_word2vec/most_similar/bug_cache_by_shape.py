# bug[stale-state]: 归一化的矩阵按形状缓存在模块里, 想省掉重复计算; 换一个形状相同的 E 时用的还是第一个矩阵的近邻
import numpy as np

_UNIT = {}


def most_similar(E, vocab, word, topn=10):
    E = np.asarray(E, dtype=float)
    if E.shape not in _UNIT:
        _UNIT[E.shape] = E / np.linalg.norm(E, axis=1, keepdims=True)
    unit = _UNIT[E.shape]
    q = list(vocab).index(word)
    sims = unit @ unit[q]
    order = [i for i in sorted(range(len(sims)), key=lambda i: (-sims[i], i)) if i != q]
    return [(vocab[i], float(sims[i])) for i in order[:topn]]
