# 正确: 在对数空间里取幂 (exp(power * ln c)), 频数为 0 时 ln 0 = -inf 会触发 numpy 的除零警告, 结果仍是 0
import numpy as np


def noise_distribution(counts, power=0.75):
    logs = power * np.log(np.asarray(counts, dtype=float))
    w = np.exp(logs - logs.max())
    return w / w.sum()
