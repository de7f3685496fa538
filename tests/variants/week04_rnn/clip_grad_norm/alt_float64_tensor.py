# 正确: 在 float64 里累加平方和, 返回 torch.tensor(范数) —— 一个 float32 的 0 维张量 (练习允许 float 或 0 维张量)
import math

import torch


def clip_grad_norm(parameters, max_norm):
    grads = [p.grad for p in parameters if p.grad is not None]
    norm = math.sqrt(sum(float(g.double().pow(2).sum()) for g in grads))
    if norm > max_norm:
        for g in grads:
            g.mul_(max_norm / norm)
    return torch.tensor(norm)
