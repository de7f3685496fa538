# bug[wrong-math]: 忘了偏差校正, 直接用 m / (√v + ε)


def adamw_step(param, grad, m, v, step, lr, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.01):
    if step < 1:
        raise ValueError("step must be >= 1")
    beta1, beta2 = betas
    m = beta1 * m + (1 - beta1) * grad
    v = beta2 * v + (1 - beta2) * grad * grad
    return param * (1 - lr * weight_decay) - lr * m / (v.sqrt() + eps), m, v
