# bug[wrong-math]: ε 放进了根号里 √(v̂ + ε)
import torch


def adamw_step(param, grad, m, v, step, lr, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.01):
    if step < 1:
        raise ValueError("step must be >= 1")
    beta1, beta2 = betas
    m = beta1 * m + (1 - beta1) * grad
    v = beta2 * v + (1 - beta2) * grad * grad
    m_hat = m / (1 - beta1 ** step)
    v_hat = v / (1 - beta2 ** step)
    return param * (1 - lr * weight_decay) - lr * m_hat / torch.sqrt(v_hat + eps), m, v
