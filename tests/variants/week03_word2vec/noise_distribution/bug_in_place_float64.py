# bug[mutation]: 用 **= 和 /= 原地取幂、归一化; np.asarray 不复制 float64 数组, 调用者的 counts 被改成了概率
import numpy as np


def noise_distribution(counts, power=0.75):
    w = np.asarray(counts, dtype=float)
    w **= power
    w /= w.sum()
    return w
