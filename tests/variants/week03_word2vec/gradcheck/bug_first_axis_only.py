# bug[wrong-math]: 只沿第一维循环: 矩阵时每次扰动整整一行, 把一行梯度之和当成了每个元素的梯度
import numpy as np


def gradcheck(f, x, eps=1e-5, tol=1e-5):
    x = np.array(x, dtype=float)
    _, grad = f(x.copy())
    grad = np.asarray(grad, dtype=float)
    for i in range(len(x)):
        xp, xm = x.copy(), x.copy()
        xp[i] += eps
        xm[i] -= eps
        numeric = (f(xp)[0] - f(xm)[0]) / (2 * eps)
        g = float(np.sum(grad[i]))
        if abs(g - numeric) / max(1.0, abs(g), abs(numeric)) > tol:
            return False
    return True
