# bug[wrong-math]: 以为只有 u_o 那一行有梯度, 其他行的梯度全是 0
import numpy as np


def naive_softmax_loss_and_grad(v_c, o, U):
    scores = U @ v_c
    shifted = scores - scores.max()
    log_z = np.log(np.exp(shifted).sum())
    y_hat = np.exp(shifted - log_z)
    delta = y_hat.copy()
    delta[o] -= 1.0
    grad_U = np.zeros_like(U, dtype=float)
    grad_U[o] = delta[o] * v_c
    return float(log_z - shifted[o]), U.T @ delta, grad_U
