# bug[wrong-math]: 忘了取 power 次方, 返回的就是一元分布
import numpy as np


def noise_distribution(counts, power=0.75):
    c = np.asarray(counts, dtype=float)
    return c / c.sum()
