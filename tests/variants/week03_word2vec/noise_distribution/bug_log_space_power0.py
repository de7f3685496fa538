# bug[non-default-arg]: 在对数空间里取幂 exp(power · ln c); power = 0 时频数为 0 的词得到 0 · (-inf) = nan
import numpy as np


def noise_distribution(counts, power=0.75):
    logs = power * np.log(np.asarray(counts, dtype=float))
    w = np.exp(logs - logs.max())
    return w / w.sum()
