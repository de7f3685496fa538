# bug[edge-shape]: 取出噪声词的向量后 squeeze "去掉多余的维度"; K = 1 或 d = 1 时形状塌掉, 后面的矩阵乘法报错
import numpy as np


def neg_sampling_loss_and_grad(v_c, o, U, noise_ids):
    v_c, U = np.asarray(v_c, dtype=float), np.asarray(U, dtype=float)
    U_k = U[np.asarray(noise_ids, dtype=int)].squeeze()      # (K, d)
    s_o, s_k = U[o] @ v_c, U_k @ v_c
    loss = float(np.logaddexp(0.0, -s_o) + np.logaddexp(0.0, s_k).sum())
    sig_o, sig_k = 0.5 * (1 + np.tanh(0.5 * s_o)), 0.5 * (1 + np.tanh(0.5 * s_k))
    grad_v_c = (sig_o - 1.0) * U[o] + sig_k @ U_k
    grad_U = np.zeros_like(U)
    grad_U[o] += (sig_o - 1.0) * v_c
    np.add.at(grad_U, np.asarray(noise_ids, dtype=int), np.outer(sig_k, v_c))
    return loss, grad_v_c, grad_U
