# bug[wrong-math]: 用了 nn.MultiheadAttention 的约定 (True = 遮住), 返回上三角
import torch


def causal_mask(T):
    return torch.ones(T, T, dtype=torch.bool).triu(1)
