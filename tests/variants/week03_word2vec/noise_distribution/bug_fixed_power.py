# bug[non-default-arg]: 指数写死成 0.75, 忽略了参数 power
import numpy as np


def noise_distribution(counts, power=0.75):
    w = np.asarray(counts, dtype=float) ** 0.75
    return w / w.sum()
