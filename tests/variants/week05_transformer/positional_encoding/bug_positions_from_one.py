# bug[wrong-math]: 位置从 1 开始编号, 第一行不是 (0, 1, 0, 1, …)
import torch


def positional_encoding(T, d):
    pos = torch.arange(1, T + 1, dtype=torch.float64)[:, None]
    angles = pos / 10000 ** (torch.arange(0, d, 2, dtype=torch.float64) / d)
    pe = torch.zeros(T, d, dtype=torch.float64)
    pe[:, 0::2] = torch.sin(angles)
    pe[:, 1::2] = torch.cos(angles)
    return pe.float()
