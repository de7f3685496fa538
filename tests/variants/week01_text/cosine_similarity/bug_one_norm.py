# bug[wrong-math]: 分母只用了 |a|^2, 没有用 |a| |b|
import numpy as np


def cosine_similarity(a, b):
    a, b = np.asarray(a, float), np.asarray(b, float)
    denom = a @ a
    return 0.0 if denom == 0 else float(a @ b / denom)
