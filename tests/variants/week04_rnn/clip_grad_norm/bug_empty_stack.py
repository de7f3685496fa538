# bug[edge-shape]: 用 torch.stack 把各个张量的范数摞起来; 没有任何梯度时 torch.stack([]) 报错, 而练习要求返回 0
import torch


def clip_grad_norm(parameters, max_norm):
    grads = [p.grad for p in parameters if p.grad is not None]
    total = torch.linalg.vector_norm(torch.stack([torch.linalg.vector_norm(g) for g in grads]))
    if total > max_norm:
        for g in grads:
            g.mul_(max_norm / total)
    return total
