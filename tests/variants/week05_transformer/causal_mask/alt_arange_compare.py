# 正确: 用两个 arange 的广播比较 j <= i
import torch


def causal_mask(T):
    i = torch.arange(T)[:, None]
    j = torch.arange(T)[None, :]
    return j <= i
