# bug[aliasing]: 为了省内存, grad_U 写进按形状复用的模块级缓冲区; 两次调用返回同一个数组, 第二次调用覆盖了第一次的结果
import numpy as np

_BUFFERS = {}


def naive_softmax_loss_and_grad(v_c, o, U):
    v_c, U = np.asarray(v_c, dtype=float), np.asarray(U, dtype=float)
    scores = U @ v_c
    shifted = scores - scores.max()
    log_z = np.log(np.exp(shifted).sum())
    delta = np.exp(shifted - log_z)
    loss = float(log_z - shifted[o])
    delta[o] -= 1.0
    grad_U = _BUFFERS.setdefault(U.shape, np.empty(U.shape))
    np.outer(delta, v_c, out=grad_U)
    return loss, U.T @ delta, grad_U
