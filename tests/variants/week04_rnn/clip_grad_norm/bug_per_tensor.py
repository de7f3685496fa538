# bug[wrong-math]: 逐个张量裁剪 (每个张量各用自己的范数), 而不是全局范数
import torch


def clip_grad_norm(parameters, max_norm):
    total = 0.0
    for p in parameters:
        if p.grad is None:
            continue
        n = p.grad.norm()
        total += float(n) ** 2
        if n > max_norm:
            p.grad.mul_(max_norm / n)
    return total ** 0.5
