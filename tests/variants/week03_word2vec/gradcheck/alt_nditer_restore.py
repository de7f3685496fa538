# 正确: 用 np.nditer 在 x 本身上就地扰动, 每次都复原; 有误差时打印到 stderr 方便调试 (评分时被转到 stdout)
import sys

import numpy as np


def gradcheck(f, x, eps=1e-5, tol=1e-5):
    x = np.asarray(x, dtype=float)
    _, grad = f(x)
    ok = True
    it = np.nditer(x, flags=["multi_index"], op_flags=["readwrite"])
    while not it.finished:
        ix = it.multi_index
        old = x[ix]
        x[ix] = old + eps
        fp = f(x)[0]
        x[ix] = old - eps
        fm = f(x)[0]
        x[ix] = old
        num = (fp - fm) / (2 * eps)
        rel = abs(num - grad[ix]) / max(1, abs(num), abs(grad[ix]))
        if rel > tol:
            print(f"梯度检验失败 {ix}: 解析 {grad[ix]}, 数值 {num}", file=sys.stderr)
            ok = False
        it.iternext()
    return ok
