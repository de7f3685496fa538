# 正确: 纯 Python 累加平方和, 像 PyTorch 一样在分母上加 1e-6, 系数截到 1 后对所有梯度都乘一遍
import math


def clip_grad_norm(parameters, max_norm):
    grads = [p.grad for p in parameters if p.grad is not None]
    total = math.sqrt(sum(float((g.double() ** 2).sum()) for g in grads))
    coef = min(1.0, max_norm / (total + 1e-6))
    for g in grads:
        g.mul_(coef)
    return total
