# bug[edge-shape]: 为了把列向量 (d, 1) 当作向量处理, 先 squeeze 了 x; 只有一个元素的 x (形状 (1,)) 变成 0 维, f 收到的形状不对
import numpy as np


def gradcheck(f, x, eps=1e-5, tol=1e-5):
    x = np.array(x, dtype=float).squeeze()
    _, grad = f(x.copy())
    grad = np.asarray(grad, dtype=float).reshape(x.shape)
    for idx in np.ndindex(x.shape):
        plus, minus = x.copy(), x.copy()
        plus[idx] += eps
        minus[idx] -= eps
        numeric = (f(plus)[0] - f(minus)[0]) / (2 * eps)
        if not abs(grad[idx] - numeric) / max(1.0, abs(grad[idx]), abs(numeric)) <= tol:
            return False
    return True
