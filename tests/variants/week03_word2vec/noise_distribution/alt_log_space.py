# 正确: 在对数空间里取幂 (exp(power * ln c) 再减最大值防溢出); 频数为 0 的词单独处理: power > 0 时权重为 0, power = 0 时为 1 (0^0 = 1)
import numpy as np


def noise_distribution(counts, power=0.75):
    c = np.array(counts, dtype=np.float64)
    positive = c > 0
    logs = np.full(c.shape, -np.inf)
    logs[positive] = power * np.log(c[positive])
    if power == 0:
        logs[:] = 0.0  # c^0 = 1, 包括 0^0
    w = np.exp(logs - logs.max())
    return w / w.sum()
