# bug[edge-shape]: 为了兼容 (|V|, 1) 的列向量先 squeeze; 只有一个词时结果变成 0 维数组, 而不是形状 (1,) 的数组
import numpy as np


def noise_distribution(counts, power=0.75):
    w = np.asarray(counts, dtype=float).squeeze() ** power
    return w / w.sum()
