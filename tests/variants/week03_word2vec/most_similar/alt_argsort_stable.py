# 正确: 先把查询词的相似度设为 -inf, 再用稳定排序 (kind="stable") 对 -相似度排序, 相同的自然按词号
import numpy as np


def most_similar(E, vocab, word, topn=10):
    E = np.asarray(E, dtype=float)
    norms = np.sqrt((E * E).sum(axis=1))
    q = list(vocab).index(word)
    sims = (E @ E[q]) / (norms * norms[q])
    masked = sims.copy()
    masked[q] = -np.inf
    order = np.argsort(-masked, kind="stable")[: min(topn, len(vocab) - 1)]
    return [(vocab[i], float(sims[i])) for i in order]
