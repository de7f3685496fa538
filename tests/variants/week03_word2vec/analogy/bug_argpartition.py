# bug[edge-shape]: 用 np.argpartition(-scores, topn + 3) 只挑出前 topn + 3 个 (够去掉三个查询词) 再排序; 词表小、候选词不足时 kth 越界报错
import numpy as np


def analogy(E, vocab, a, b, c, topn=5):
    E = np.asarray(E, dtype=float)
    unit = E / np.linalg.norm(E, axis=1, keepdims=True)
    index = {w: i for i, w in enumerate(vocab)}
    banned = {index[a], index[b], index[c]}
    scores = unit @ (unit[index[b]] - unit[index[a]] + unit[index[c]])
    top = np.argpartition(-scores, topn + 3)[:topn + 3]
    order = [int(i) for i in sorted(top, key=lambda i: (-scores[i], i)) if int(i) not in banned]
    return [(vocab[i], float(scores[i])) for i in order[:topn]]
