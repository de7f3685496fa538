# bug[wrong-math]: 下标写反了 (i <= j), 每个位置只能看未来
import torch


def causal_mask(T):
    i = torch.arange(T)[:, None]
    j = torch.arange(T)[None, :]
    return i <= j
