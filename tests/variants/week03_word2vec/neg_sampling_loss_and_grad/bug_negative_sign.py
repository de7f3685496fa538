# bug[wrong-math]: 负样本也用了 σ(u_k·v_c) 而不是 σ(-u_k·v_c)
import numpy as np


def neg_sampling_loss_and_grad(v_c, o, U, noise_ids):
    noise_ids = np.asarray(noise_ids, int)
    sig = lambda x: 0.5 * (1.0 + np.tanh(0.5 * x))
    s_o, s_k = U[o] @ v_c, U[noise_ids] @ v_c
    loss = float(np.logaddexp(0.0, -s_o) + np.logaddexp(0.0, -s_k).sum())
    grad_v = (sig(s_o) - 1.0) * U[o] + (sig(s_k) - 1.0) @ U[noise_ids]
    grad_U = np.zeros_like(U, dtype=float)
    grad_U[o] += (sig(s_o) - 1.0) * v_c
    np.add.at(grad_U, noise_ids, np.outer(sig(s_k) - 1.0, v_c))
    return loss, grad_v, grad_U
