# bug[wrong-math]: 前一半维度全放 sin、后一半全放 cos, 而不是奇偶交错
import torch


def positional_encoding(T, d):
    pos = torch.arange(T, dtype=torch.float64)[:, None]
    angles = pos / 10000 ** (torch.arange(0, d, 2, dtype=torch.float64) / d)
    return torch.cat([torch.sin(angles), torch.cos(angles)], dim=-1).float()
