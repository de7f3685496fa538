# bug[long-input]: 损失直接写 -log(sigmoid(x)), 分数很大时 σ 下溢成 0, 损失变成 inf
import numpy as np


def neg_sampling_loss_and_grad(v_c, o, U, noise_ids):
    noise_ids = np.asarray(noise_ids, int)
    sig = lambda x: 1.0 / (1.0 + np.exp(-x))
    s_o, s_k = U[o] @ v_c, U[noise_ids] @ v_c
    loss = float(-np.log(sig(s_o)) - np.log(sig(-s_k)).sum())
    grad_v = (sig(s_o) - 1.0) * U[o] + sig(s_k) @ U[noise_ids]
    grad_U = np.zeros_like(U, dtype=float)
    grad_U[o] += (sig(s_o) - 1.0) * v_c
    np.add.at(grad_U, noise_ids, np.outer(sig(s_k), v_c))
    return loss, grad_v, grad_U
