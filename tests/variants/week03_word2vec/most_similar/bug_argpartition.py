# bug[edge-shape]: 用 np.argpartition(-sims, topn) 只挑出前 topn + 1 个再排序; 其他词不足 topn 个时 kth 越界报错
import numpy as np


def most_similar(E, vocab, word, topn=10):
    E = np.asarray(E, dtype=float)
    unit = E / np.linalg.norm(E, axis=1, keepdims=True)
    q = list(vocab).index(word)
    sims = unit @ unit[q]
    top = np.argpartition(-sims, topn)[:topn + 1]            # 前 topn + 1 个 (含查询词)
    order = [int(i) for i in sorted(top, key=lambda i: (-sims[i], i)) if i != q]
    return [(vocab[i], float(sims[i])) for i in order[:topn]]
