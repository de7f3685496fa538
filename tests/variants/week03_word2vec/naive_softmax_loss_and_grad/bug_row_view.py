# bug[mutation]: grad_v_c = U[o] 取到的是 U 的一行的视图, 之后的 *= 和 += 原地改掉了调用者 U 的第 o 行 (返回的值本身是对的)
import numpy as np


def naive_softmax_loss_and_grad(v_c, o, U):
    v_c, U = np.asarray(v_c, dtype=float), np.asarray(U, dtype=float)
    scores = U @ v_c
    shifted = scores - scores.max()
    log_z = np.log(np.exp(shifted).sum())
    y_hat = np.exp(shifted - log_z)
    loss = float(log_z - shifted[o])
    expected_u = U.T @ y_hat          # Σ_w ŷ_w u_w
    grad_v_c = U[o]                   # 视图, 不是副本
    grad_v_c *= -1.0
    grad_v_c += expected_u            # -u_o + Σ_w ŷ_w u_w
    delta = y_hat.copy()
    delta[o] -= 1.0
    return loss, grad_v_c, np.outer(delta, v_c)
