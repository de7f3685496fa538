# 正确: 照 torch.optim.AdamW 的写法, 先衰减参数, 步长 lr / (1 - β1^t), 分母 √v / √(1 - β2^t) + ε
import math


def adamw_step(param, grad, m, v, step, lr, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.01):
    if step < 1:
        raise ValueError("step must be >= 1")
    b1, b2 = betas
    p = param.clone()
    p.mul_(1 - lr * weight_decay)
    m_new = m.clone().mul_(b1).add_(grad, alpha=1 - b1)
    v_new = v.clone().mul_(b2).addcmul_(grad, grad, value=1 - b2)
    step_size = lr / (1 - b1 ** step)
    denom = (v_new.sqrt() / math.sqrt(1 - b2 ** step)).add_(eps)
    p.addcdiv_(m_new, denom, value=-step_size)
    return p, m_new, v_new
