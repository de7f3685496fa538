# bug[wrong-math]: 用单侧差分 (f(x + ε) - f(x)) / ε, 误差是 O(ε) 而不是 O(ε²)
import numpy as np


def gradcheck(f, x, eps=1e-5, tol=1e-5):
    x = np.array(x, dtype=float)
    f0, grad = f(x.copy())
    for idx in np.ndindex(x.shape):
        xp = x.copy()
        xp[idx] += eps
        numeric = (f(xp)[0] - f0) / eps
        if abs(grad[idx] - numeric) / max(1.0, abs(grad[idx]), abs(numeric)) > tol:
            return False
    return True
