# 正确: 用位置编号比较构造掩码 (键的位置 <= 查询的位置), 注意力用 torch.einsum 写
import math

import torch


def cached_attention(attn, x_new, cache=None):
    B, T, C = x_new.shape
    h = attn.n_heads
    D = C // h
    qkv = attn.w_qkv(x_new).reshape(B, T, 3, h, D).permute(2, 0, 3, 1, 4)  # (3, B, h, T, D)
    q, k, v = qkv[0], qkv[1], qkv[2]
    P = 0
    if cache is not None:
        P = cache[0].shape[2]
        k = torch.cat((cache[0], k), dim=-2)
        v = torch.cat((cache[1], v), dim=-2)
    q_pos = torch.arange(P, P + T).view(T, 1)
    k_pos = torch.arange(P + T).view(1, P + T)
    allowed = k_pos <= q_pos
    scores = torch.einsum("bhtd,bhsd->bhts", q, k) / math.sqrt(D)
    scores = torch.where(allowed, scores, torch.tensor(float("-inf"), dtype=scores.dtype))
    out = torch.einsum("bhts,bhsd->bhtd", scores.softmax(-1), v)
    return attn.w_o(out.permute(0, 2, 1, 3).reshape(B, T, C)), (k, v)
