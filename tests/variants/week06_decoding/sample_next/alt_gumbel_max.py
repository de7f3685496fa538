# 正确: Gumbel-max 技巧: argmax(logits + Gumbel 噪声) 服从 softmax(logits), 噪声来自 generator
import torch


def sample_next(logits, generator):
    u = torch.rand(logits.shape, generator=generator, dtype=torch.float64).clamp_min(1e-300)
    gumbel = -torch.log(-torch.log(u))
    return torch.argmax(logits.double() + gumbel, dim=-1)
