# bug[order-dependence]: 候选词用 set(vocab) - {word}, 再按相似度做稳定排序; 相似度相同的词按 set 的遍历顺序排 (随 PYTHONHASHSEED 变), 不是词号小的在前
import numpy as np


def most_similar(E, vocab, word, topn=10):
    E = np.asarray(E, dtype=float)
    unit = E / np.linalg.norm(E, axis=1, keepdims=True)
    index = {w: i for i, w in enumerate(vocab)}
    sims = unit @ unit[index[word]]
    ranked = sorted(set(vocab) - {word}, key=lambda w: -sims[index[w]])
    return [(w, float(sims[index[w]])) for w in ranked[:topn]]
