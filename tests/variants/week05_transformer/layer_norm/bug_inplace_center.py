# bug[mutation]: 用 x -= mean 原地减均值, 调用者的 x 被改成了中心化后的值 (结果本身是对的)
import torch


def layer_norm(x, gamma, beta, eps=1e-5):
    mean = x.mean(dim=-1, keepdim=True)
    x -= mean
    var = (x ** 2).mean(dim=-1, keepdim=True)
    return x / torch.sqrt(var + eps) * gamma + beta
