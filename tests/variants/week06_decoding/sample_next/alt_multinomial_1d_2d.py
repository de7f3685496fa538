# 正确: 直接用 torch.multinomial, 一维和二维输入分开处理 (规定的输入只有这两种形状)
import torch


def sample_next(logits, generator):
    probs = torch.softmax(logits, dim=-1)
    if probs.dim() == 1:
        return torch.multinomial(probs, 1, generator=generator)[0]  # 0 维
    return torch.multinomial(probs, 1, generator=generator)[:, 0]  # (B,)
