# 正确: 逐个噪声词循环累加; 梯度里的 σ 用朴素公式 1 / (1 + exp(-x)), 分数很大时 numpy 发出溢出警告
# (exp(inf) → 1 / inf = 0, 结果仍然正确), 损失用 logaddexp 保证稳定
import numpy as np


def neg_sampling_loss_and_grad(v_c, o, U, noise_ids):
    sigmoid = lambda x: 1.0 / (1.0 + np.exp(-x))
    s_o = float(U[o] @ v_c)
    loss = float(np.logaddexp(0.0, -s_o))
    grad_v = (sigmoid(s_o) - 1.0) * U[o]
    grad_U = np.zeros(U.shape)
    grad_U[o] += (sigmoid(s_o) - 1.0) * v_c
    for k in noise_ids:
        s_k = float(U[k] @ v_c)
        loss += float(np.logaddexp(0.0, s_k))
        grad_v = grad_v + sigmoid(s_k) * U[k]
        grad_U[k] += sigmoid(s_k) * v_c
    return loss, grad_v, grad_U
