# bug[edge-shape]: parameters 遍历了两次; 传入生成器时第二次遍历是空的, 梯度没有被裁剪
import torch


def clip_grad_norm(parameters, max_norm):
    total = torch.sqrt(sum((p.grad ** 2).sum() for p in parameters if p.grad is not None))
    if total > max_norm:
        for p in parameters:
            if p.grad is not None:
                p.grad.mul_(max_norm / total)
    return float(total)
