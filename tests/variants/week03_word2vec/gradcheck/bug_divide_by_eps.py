# bug[wrong-math]: 中心差分除以 ε 而不是 2ε, 数值梯度大了一倍
import numpy as np


def gradcheck(f, x, eps=1e-5, tol=1e-5):
    x = np.array(x, dtype=float)
    _, grad = f(x.copy())
    for idx in np.ndindex(x.shape):
        xp, xm = x.copy(), x.copy()
        xp[idx] += eps
        xm[idx] -= eps
        numeric = (f(xp)[0] - f(xm)[0]) / eps
        if abs(grad[idx] - numeric) / max(1.0, abs(grad[idx]), abs(numeric)) > tol:
            return False
    return True
