# bug[mutation]: 先把两个向量原地归一化 (a /= |a|): np.asarray 对浮点数组不复制, 调用者的数组被改掉了
import numpy as np


def cosine_similarity(a, b):
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    norm_a, norm_b = np.linalg.norm(a), np.linalg.norm(b)
    if norm_a == 0 or norm_b == 0:
        return 0.0
    a /= norm_a
    b /= norm_b
    return float(a @ b)
