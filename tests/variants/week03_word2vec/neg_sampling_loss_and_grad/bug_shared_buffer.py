# bug[aliasing]: grad_U 写进按形状复用的模块级缓冲区 (每次先清零); 两次调用返回同一个数组, 第二次调用覆盖了第一次的结果
import numpy as np

_BUFFERS = {}


def neg_sampling_loss_and_grad(v_c, o, U, noise_ids):
    v_c, U = np.asarray(v_c, dtype=float), np.asarray(U, dtype=float)
    noise_ids = np.asarray(noise_ids, dtype=int).reshape(-1)
    s_o, s_k = U[o] @ v_c, U[noise_ids] @ v_c
    loss = float(np.logaddexp(0.0, -s_o) + np.logaddexp(0.0, s_k).sum())
    sig_o, sig_k = 0.5 * (1 + np.tanh(0.5 * s_o)), 0.5 * (1 + np.tanh(0.5 * s_k))
    grad_v_c = (sig_o - 1.0) * U[o] + sig_k @ U[noise_ids]
    grad_U = _BUFFERS.setdefault(U.shape, np.empty(U.shape))
    grad_U.fill(0.0)
    grad_U[o] += (sig_o - 1.0) * v_c
    np.add.at(grad_U, noise_ids, np.outer(sig_k, v_c))
    return loss, grad_v_c, grad_U
