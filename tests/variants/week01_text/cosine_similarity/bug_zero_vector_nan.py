# bug[edge-shape]: 没有处理零向量: 0/0 得到 nan, 而不是约定的 0.0
import numpy as np


def cosine_similarity(a, b):
    a, b = np.asarray(a, float), np.asarray(b, float)
    return float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b)))
