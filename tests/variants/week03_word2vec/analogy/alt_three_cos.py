# 正确: 按定义分别算三个余弦再相加减 (不先合成一个目标向量), 用 np.lexsort 按 (-得分, 词号) 排序
import numpy as np


def analogy(E, vocab, a, b, c, topn=5):
    E = np.asarray(E, dtype=float)
    vocab = list(vocab)
    norms = np.linalg.norm(E, axis=1)
    cos_to = lambda w: (E @ E[vocab.index(w)]) / (norms * norms[vocab.index(w)])
    scores = cos_to(b) - cos_to(a) + cos_to(c)
    banned = {vocab.index(a), vocab.index(b), vocab.index(c)}
    order = [int(i) for i in np.lexsort((np.arange(len(scores)), -scores)) if int(i) not in banned]
    return [(vocab[i], float(scores[i])) for i in order[:topn]]
