# bug[wrong-math]: sin 和 cos 放反了 (偶数维放了 cos)
import torch


def positional_encoding(T, d):
    pos = torch.arange(T, dtype=torch.float64)[:, None]
    angles = pos / 10000 ** (torch.arange(0, d, 2, dtype=torch.float64) / d)
    pe = torch.zeros(T, d, dtype=torch.float64)
    pe[:, 0::2] = torch.cos(angles)
    pe[:, 1::2] = torch.sin(angles)
    return pe.float()
