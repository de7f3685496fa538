# bug[edge-shape]: 交错 sin/cos 之后多写了一个 .squeeze(), T = 1 时返回 (d,) 而不是 (1, d)
import torch


def positional_encoding(T, d):
    pos = torch.arange(T, dtype=torch.float64).unsqueeze(1)
    angles = pos / 10000 ** (torch.arange(0, d, 2, dtype=torch.float64) / d)
    pe = torch.stack([torch.sin(angles), torch.cos(angles)], dim=-1).reshape(T, d)
    return pe.squeeze().float()
