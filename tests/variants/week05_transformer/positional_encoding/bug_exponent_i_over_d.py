# bug[wrong-math]: 指数用了 i/d 而不是 2i/d (频率下降得太慢)
import torch


def positional_encoding(T, d):
    pos = torch.arange(T, dtype=torch.float64)[:, None]
    angles = pos / 10000 ** (torch.arange(d // 2, dtype=torch.float64) / d)
    pe = torch.zeros(T, d, dtype=torch.float64)
    pe[:, 0::2] = torch.sin(angles)
    pe[:, 1::2] = torch.cos(angles)
    return pe.float()
