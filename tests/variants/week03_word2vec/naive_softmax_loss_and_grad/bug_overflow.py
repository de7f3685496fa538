# bug[long-input]: softmax 没有先减最大分数, 分数上千时 exp 溢出成 inf, 得到 nan
import numpy as np


def naive_softmax_loss_and_grad(v_c, o, U):
    scores = U @ v_c
    y_hat = np.exp(scores) / np.exp(scores).sum()
    loss = float(-np.log(y_hat[o]))
    delta = y_hat.copy()
    delta[o] -= 1.0
    return loss, U.T @ delta, np.outer(delta, v_c)
