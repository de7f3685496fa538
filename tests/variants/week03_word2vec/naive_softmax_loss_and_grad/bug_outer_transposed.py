# bug[wrong-math]: grad_U 的外积顺序反了, 得到 v_c (ŷ - y)^T, 形状是 (d, |V|) 而不是 (|V|, d)
import numpy as np


def naive_softmax_loss_and_grad(v_c, o, U):
    scores = U @ v_c
    shifted = scores - scores.max()
    log_z = np.log(np.exp(shifted).sum())
    y_hat = np.exp(shifted - log_z)
    delta = y_hat.copy()
    delta[o] -= 1.0
    return float(log_z - shifted[o]), U.T @ delta, np.outer(v_c, delta)
