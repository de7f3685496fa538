# bug[wrong-math]: 范数忘了开平方: 分母用了 (a·a)(b·b) 而不是 sqrt(a·a) sqrt(b·b)
import numpy as np


def cosine_similarity(a, b):
    a, b = np.asarray(a, float), np.asarray(b, float)
    denom = (a @ a) * (b @ b)
    return 0.0 if denom == 0 else float(a @ b / denom)
