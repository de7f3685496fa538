# bug[edge-shape]: 为了兼容 (d, 1) 的列向量先把 v_c squeeze; d = 1 时 v_c 变成 0 维, U @ v_c 报错
import numpy as np


def naive_softmax_loss_and_grad(v_c, o, U):
    v_c = np.asarray(v_c, dtype=float).squeeze()
    U = np.asarray(U, dtype=float)
    scores = U @ v_c
    shifted = scores - scores.max()
    log_z = np.log(np.exp(shifted).sum())
    delta = np.exp(shifted - log_z)
    loss = float(log_z - shifted[o])
    delta[o] -= 1.0
    return loss, U.T @ delta, np.outer(delta, v_c)
