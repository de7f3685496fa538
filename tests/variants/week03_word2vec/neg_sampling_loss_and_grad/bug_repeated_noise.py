# bug[wrong-math]: 用 grad_U[noise_ids] += … 更新, 重复的噪声词只算了一次 (花式下标赋值不会累加)
import numpy as np


def neg_sampling_loss_and_grad(v_c, o, U, noise_ids):
    noise_ids = np.asarray(noise_ids, int)
    sig = lambda x: 0.5 * (1.0 + np.tanh(0.5 * x))
    s_o, s_k = U[o] @ v_c, U[noise_ids] @ v_c
    loss = float(np.logaddexp(0.0, -s_o) + np.logaddexp(0.0, s_k).sum())
    grad_v = (sig(s_o) - 1.0) * U[o] + sig(s_k) @ U[noise_ids]
    grad_U = np.zeros_like(U, dtype=float)
    grad_U[o] += (sig(s_o) - 1.0) * v_c
    grad_U[noise_ids] += np.outer(sig(s_k), v_c)
    return loss, grad_v, grad_U
