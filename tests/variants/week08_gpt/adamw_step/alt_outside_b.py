import torch


def adamw_step(param, grad, m, v, step, lr, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.01):
    """One AdamW update written the way torch.optim.AdamW orders it, but out of place."""
    if not step >= 1:
        raise ValueError("step counts from 1")
    b1, b2 = betas
    m_new = torch.lerp(m, grad, 1 - b1)                      # b1*m + (1-b1)*g
    v_new = v.mul(b2).addcmul(grad, grad, value=1 - b2)      # b2*v + (1-b2)*g^2
    bc1 = 1 - b1 ** step
    bc2 = 1 - b2 ** step
    denom = (v_new.sqrt() / (bc2 ** 0.5)).add(eps)           # sqrt(v_hat) + eps
    p = param.mul(1 - lr * weight_decay)                     # decoupled decay on theta_{t-1}
    p = p.addcdiv(m_new, denom, value=-lr / bc1)
    return p, m_new, v_new
