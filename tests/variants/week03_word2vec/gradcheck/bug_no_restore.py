# bug[mutation]: 扰动后没有把 x 复原: 后面的坐标在错误的点上求差分, 调用者的 x 也被改了
import numpy as np


def gradcheck(f, x, eps=1e-5, tol=1e-5):
    _, grad = f(x.copy())
    for idx in np.ndindex(x.shape):
        x[idx] += eps
        fp = f(x.copy())[0]
        x[idx] -= 2 * eps
        fm = f(x.copy())[0]
        numeric = (fp - fm) / (2 * eps)
        if abs(grad[idx] - numeric) / max(1.0, abs(grad[idx]), abs(numeric)) > tol:
            return False
    return True
