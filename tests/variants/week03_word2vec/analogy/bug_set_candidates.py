# bug[order-dependence]: 候选词用 set(vocab) - {a, b, c}, 再按得分做稳定排序; 得分相同的词按 set 的遍历顺序排 (随 PYTHONHASHSEED 变), 不是词号小的在前
import numpy as np


def analogy(E, vocab, a, b, c, topn=5):
    E = np.asarray(E, dtype=float)
    unit = E / np.linalg.norm(E, axis=1, keepdims=True)
    index = {w: i for i, w in enumerate(vocab)}
    scores = unit @ (unit[index[b]] - unit[index[a]] + unit[index[c]])
    ranked = sorted(set(vocab) - {a, b, c}, key=lambda w: -scores[index[w]])
    return [(w, float(scores[index[w]])) for w in ranked[:topn]]
