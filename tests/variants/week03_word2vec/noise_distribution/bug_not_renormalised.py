# bug[wrong-math]: 先归一化再取幂, 忘了重新归一化, 概率之和不为 1
import numpy as np


def noise_distribution(counts, power=0.75):
    c = np.asarray(counts, dtype=float)
    return (c / c.sum()) ** power
