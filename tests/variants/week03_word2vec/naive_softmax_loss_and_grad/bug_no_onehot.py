# bug[wrong-math]: 梯度里忘了减去独热向量 y, 用的是 ŷ 而不是 ŷ - y
import numpy as np


def naive_softmax_loss_and_grad(v_c, o, U):
    scores = U @ v_c
    shifted = scores - scores.max()
    log_z = np.log(np.exp(shifted).sum())
    y_hat = np.exp(shifted - log_z)
    return float(log_z - shifted[o]), U.T @ y_hat, np.outer(y_hat, v_c)
