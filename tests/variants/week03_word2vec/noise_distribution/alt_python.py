# 正确: 纯 Python, 用 math.pow 逐个取幂再归一化
import math

import numpy as np


def noise_distribution(counts, power=0.75):
    weights = [math.pow(float(c), power) for c in counts]
    total = math.fsum(weights)
    return np.array([w / total for w in weights])
