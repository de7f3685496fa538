# 正确: 在展平的副本上逐个扰动, 每次把副本 reshape 回原形状再调用 f; 一次性比较全部相对误差
import numpy as np


def gradcheck(f, x, eps=1e-5, tol=1e-5):
    x0 = np.array(x, dtype=float)
    grad = np.asarray(f(x0.copy())[1], dtype=float)
    if grad.shape != x0.shape:
        return False
    flat = x0.ravel().copy()
    numeric = np.empty_like(flat)
    for i in range(flat.size):
        plus, minus = flat.copy(), flat.copy()
        plus[i] += eps
        minus[i] -= eps
        numeric[i] = (f(plus.reshape(x0.shape))[0] - f(minus.reshape(x0.shape))[0]) / (2 * eps)
    g = grad.ravel()
    err = np.abs(g - numeric) / np.maximum(1.0, np.maximum(np.abs(g), np.abs(numeric)))
    return bool(np.all(err <= tol))
