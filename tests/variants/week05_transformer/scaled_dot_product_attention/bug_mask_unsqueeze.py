# bug[edge-shape]: 为了 "广播到批次维" 给 mask 加了一维, 不带批次的输入 (T_q, d_k) 配上掩码时输出多出一维
import math

import torch


def scaled_dot_product_attention(q, k, v, mask=None):
    scores = q @ k.transpose(-2, -1) / math.sqrt(q.shape[-1])
    if mask is not None:
        mask = mask.unsqueeze(0)  # (1, T_q, T_k)
        scores = scores.masked_fill(~mask, float("-inf"))
    weights = torch.softmax(scores, dim=-1)
    return weights @ v, weights
