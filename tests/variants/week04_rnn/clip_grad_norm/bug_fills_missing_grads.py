# bug[mutation]: 为了统一处理, 给 .grad 为 None 的参数补上全零梯度; 范数对, 但改动了本来没有梯度的参数
import torch


def clip_grad_norm(parameters, max_norm):
    params = list(parameters)
    for p in params:
        if p.grad is None:
            p.grad = torch.zeros_like(p)
    total = torch.sqrt(sum((p.grad.double() ** 2).sum() for p in params)) if params else torch.tensor(0.0)
    if total > max_norm:
        for p in params:
            p.grad.mul_(max_norm / total)
    return float(total)
