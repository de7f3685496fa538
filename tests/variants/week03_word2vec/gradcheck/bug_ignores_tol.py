# bug[non-default-arg]: 阈值写死成 1e-5, 忽略了参数 tol (eps 用的是参数)
import numpy as np


def gradcheck(f, x, eps=1e-5, tol=1e-5):
    x = np.array(x, dtype=float)
    _, grad = f(x.copy())
    grad = np.asarray(grad, dtype=float)
    for idx in np.ndindex(x.shape):
        plus, minus = x.copy(), x.copy()
        plus[idx] += eps
        minus[idx] -= eps
        numeric = (f(plus)[0] - f(minus)[0]) / (2 * eps)
        if abs(grad[idx] - numeric) / max(1.0, abs(grad[idx]), abs(numeric)) > 1e-5:
            return False
    return True
