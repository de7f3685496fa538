# bug[long-input]: 被遮住的位置填 -1e9 而不是 -inf; 允许看的位置相似度比 -1e9 还小时 (很大的输入), 被遮住的位置反而拿走了全部权重
import math

import torch


def scaled_dot_product_attention(q, k, v, mask=None):
    scores = q @ k.transpose(-2, -1) / math.sqrt(q.shape[-1])
    if mask is not None:
        scores = scores.masked_fill(~mask, -1e9)
    weights = torch.softmax(scores, dim=-1)
    return weights @ v, weights
