# bug[mutation]: 用 p.grad = p.grad * scale 换成新的梯度张量, 而不是原地缩放; 调用者 (或优化器) 手里原来的 .grad 张量没有被裁剪
import torch


def clip_grad_norm(parameters, max_norm):
    params = [p for p in parameters if p.grad is not None]
    if not params:
        return 0.0
    total_norm = torch.sqrt(sum((p.grad.double() ** 2).sum() for p in params))
    if total_norm > max_norm:
        scale = float(max_norm / total_norm)
        for p in params:
            p.grad = p.grad * scale
    return float(total_norm)
