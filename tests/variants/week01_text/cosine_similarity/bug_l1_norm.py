# bug[wrong-math]: 分母用了 L1 范数 (绝对值之和) 而不是 L2 范数
import numpy as np


def cosine_similarity(a, b):
    a, b = np.asarray(a, float), np.asarray(b, float)
    denom = np.abs(a).sum() * np.abs(b).sum()
    return 0.0 if denom == 0 else float(a @ b / denom)
