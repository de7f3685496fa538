import math

import torch


def adamw_step(param, grad, m, v, step, lr, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.01):
    """AdamW 的一步 (解耦权重衰减, 偏差校正), 不原地修改输入。返回 (new_param, new_m, new_v)。"""
    if step < 1:
        raise ValueError(f"step must be >= 1, got {step}")
    beta1, beta2 = betas
    new_m = beta1 * m + (1 - beta1) * grad
    new_v = beta2 * v + (1 - beta2) * grad * grad
    m_hat = new_m / (1 - beta1 ** step)
    v_hat = new_v / (1 - beta2 ** step)
    new_param = param - lr * weight_decay * param - lr * m_hat / (torch.sqrt(v_hat) + eps)
    return new_param, new_m, new_v
