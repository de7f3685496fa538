# bug[edge-shape]: 用 numpy 花式索引查表: 空的编号列表变成 float 数组, 拿它当下标抛 IndexError
import numpy as np


def decode(ids, vocab):
    itos = np.empty(len(vocab), dtype=object)
    for tok, i in vocab.items():
        itos[i] = tok
    return itos[np.asarray(ids)].tolist()
