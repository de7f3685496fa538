# bug[wrong-math]: 对角线也被遮住了 (tril(-1)), 每个位置看不到自己, 第一行全是 False
import torch


def causal_mask(T):
    return torch.ones(T, T, dtype=torch.bool).tril(-1)
