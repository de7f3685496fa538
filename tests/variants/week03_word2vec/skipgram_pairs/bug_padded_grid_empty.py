# bug[edge-shape]: 先把所有句子补齐成 (句数, 最长句长) 的矩阵再按偏移量配对; 没有句子时 max() 对空序列报错
import numpy as np


def skipgram_pairs(sentences, window):
    T = max(len(s) for s in sentences)
    grid = np.full((len(sentences), T), None, dtype=object)
    for r, s in enumerate(sentences):
        grid[r, :len(s)] = list(s)
    pairs = []
    for k in range(1, window + 1):
        for a, b in zip(grid[:, :-k].ravel(), grid[:, k:].ravel()):
            if a is not None and b is not None:
                pairs += [(a, b), (b, a)]
    return pairs
