# 正确: 频率写成 exp(-2i ln(10000) / d) (float32), 用 stack + flatten 交错 sin 和 cos
import math

import torch


def positional_encoding(T, d):
    pos = torch.arange(T, dtype=torch.float32).unsqueeze(1)
    freq = torch.exp(torch.arange(0, d, 2, dtype=torch.float32) * (-math.log(10000.0) / d))
    angles = pos * freq
    return torch.stack([angles.sin(), angles.cos()], dim=-1).flatten(-2)
