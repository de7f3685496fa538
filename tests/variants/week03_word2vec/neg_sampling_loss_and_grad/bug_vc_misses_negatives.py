# bug[wrong-math]: 对 v_c 的梯度漏掉了噪声词那一项, 只剩 (σ(u_o·v_c) - 1) u_o
import numpy as np


def neg_sampling_loss_and_grad(v_c, o, U, noise_ids):
    noise_ids = np.asarray(noise_ids, int)
    sig = lambda x: 0.5 * (1.0 + np.tanh(0.5 * x))
    s_o, s_k = U[o] @ v_c, U[noise_ids] @ v_c
    loss = float(np.logaddexp(0.0, -s_o) + np.logaddexp(0.0, s_k).sum())
    grad_v = (sig(s_o) - 1.0) * U[o]
    grad_U = np.zeros_like(U, dtype=float)
    grad_U[o] += (sig(s_o) - 1.0) * v_c
    np.add.at(grad_U, noise_ids, np.outer(sig(s_k), v_c))
    return loss, grad_v, grad_U
