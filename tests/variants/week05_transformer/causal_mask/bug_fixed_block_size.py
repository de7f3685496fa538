# bug[long-input]: 预先建一张 1024 × 1024 的掩码再切片 (复制一份); T > 1024 时切片悄悄地只剩 1024 × 1024
import torch

_MASK = torch.ones(1024, 1024, dtype=torch.bool).tril()


def causal_mask(T):
    return _MASK[:T, :T].clone()
