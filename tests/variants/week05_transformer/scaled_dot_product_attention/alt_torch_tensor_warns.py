# 正确: 先用 torch.tensor(张量) 复制输入 (会发出 UserWarning), 缩放 q 而不是缩放分数, 用加性掩码
import math

import torch


def scaled_dot_product_attention(q, k, v, mask=None):
    q = torch.tensor(q) * (1.0 / math.sqrt(q.shape[-1]))  # torch.tensor(张量) 会警告, 但结果正确
    scores = q @ k.mT
    if mask is not None:
        bias = torch.zeros(mask.shape, dtype=scores.dtype).masked_fill(mask.logical_not(), float("-inf"))
        scores = scores + bias
    weights = torch.softmax(scores, dim=-1)
    return weights @ v, weights
