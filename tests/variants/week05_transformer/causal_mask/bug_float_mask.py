# bug[wrong-math]: 返回 0/1 的浮点矩阵而不是布尔张量
import torch


def causal_mask(T):
    return torch.tril(torch.ones(T, T))
