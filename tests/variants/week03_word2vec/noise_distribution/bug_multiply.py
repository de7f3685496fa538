# bug[wrong-math]: 把 “取 3/4 次方” 写成了乘以 3/4
import numpy as np


def noise_distribution(counts, power=0.75):
    w = np.asarray(counts, dtype=float) * power
    return w / w.sum()
