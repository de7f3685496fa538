# bug[mutation]: 先对 noise_ids 原地排序 (list.sort / ndarray.sort), 再用 np.unique 数重复; 结果对, 但调用者的 noise_ids 被打乱了顺序
import numpy as np


def neg_sampling_loss_and_grad(v_c, o, U, noise_ids):
    v_c, U = np.asarray(v_c, dtype=float), np.asarray(U, dtype=float)
    noise_ids.sort()                                          # 重复的词挨在一起
    ids, reps = np.unique(np.asarray(noise_ids, dtype=int), return_counts=True)
    s_o, s_k = U[o] @ v_c, U[ids] @ v_c
    loss = float(np.logaddexp(0.0, -s_o) + reps @ np.logaddexp(0.0, s_k))
    sig_o, sig_k = 0.5 * (1 + np.tanh(0.5 * s_o)), 0.5 * (1 + np.tanh(0.5 * s_k))
    grad_v_c = (sig_o - 1.0) * U[o] + (reps * sig_k) @ U[ids]
    grad_U = np.zeros_like(U)
    grad_U[o] += (sig_o - 1.0) * v_c
    grad_U[ids] += np.outer(reps * sig_k, v_c)                # ids 已经去重, 可以直接 +=
    return loss, grad_v_c, grad_U
