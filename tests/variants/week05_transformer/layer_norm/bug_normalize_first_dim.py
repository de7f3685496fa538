# bug[wrong-math]: 在第 0 维 (批次) 上算均值和方差, 而不是最后一维
import torch


def layer_norm(x, gamma, beta, eps=1e-5):
    mean = x.mean(dim=0, keepdim=True)
    var = ((x - mean) ** 2).mean(dim=0, keepdim=True)
    return (x - mean) / torch.sqrt(var + eps) * gamma + beta
