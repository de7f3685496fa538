# bug[wrong-math]: 梯度符号反了, 写成了 y - ŷ
import numpy as np


def naive_softmax_loss_and_grad(v_c, o, U):
    scores = U @ v_c
    shifted = scores - scores.max()
    log_z = np.log(np.exp(shifted).sum())
    y_hat = np.exp(shifted - log_z)
    delta = -y_hat
    delta[o] += 1.0
    return float(log_z - shifted[o]), U.T @ delta, np.outer(delta, v_c)
