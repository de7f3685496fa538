import numpy as np


def cosine_similarity(a, b):
    """返回 numpy 标量 (np.float64 也是浮点数), 先各自除以范数再求点积。"""
    a = np.array(a, dtype=float)
    b = np.array(b, dtype=float)
    norm_a, norm_b = np.sqrt(np.sum(a * a)), np.sqrt(np.sum(b * b))
    if norm_a == 0 or norm_b == 0:
        return np.float64(0.0)
    return np.dot(a / norm_a, b / norm_b)
