# bug[wrong-math]: 误差没有取绝对值, 数值梯度比解析梯度小 (例如真梯度为负、却返回全零) 时也算通过
import numpy as np


def gradcheck(f, x, eps=1e-5, tol=1e-5):
    x = np.array(x, dtype=float)
    _, grad = f(x.copy())
    for idx in np.ndindex(x.shape):
        xp, xm = x.copy(), x.copy()
        xp[idx] += eps
        xm[idx] -= eps
        numeric = (f(xp)[0] - f(xm)[0]) / (2 * eps)
        if (numeric - grad[idx]) / max(1.0, abs(grad[idx]), abs(numeric)) > tol:
            return False
    return True
