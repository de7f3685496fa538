# bug[edge-shape]: 多写了一个 .squeeze(), T = 1 时返回 0 维张量而不是 (1, 1)
import torch


def causal_mask(T):
    i = torch.arange(T).unsqueeze(1)
    j = torch.arange(T).unsqueeze(0)
    return (j <= i).squeeze()
