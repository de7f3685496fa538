# bug[edge-shape]: 合并头时用 squeeze() 去掉长度为 1 的维, 逐个生成 (T = 1) 时把长度那一维也挤掉了
import math

import torch


def cached_attention(attn, x_new, cache=None):
    B, T, C = x_new.shape
    h = attn.n_heads
    D = C // h
    q, k, v = attn.w_qkv(x_new).split(C, dim=-1)
    q, k, v = (t.view(B, T, h, D).transpose(1, 2) for t in (q, k, v))
    if cache is not None:
        k = torch.cat([cache[0], k], dim=2)
        v = torch.cat([cache[1], v], dim=2)
    P = k.shape[2] - T
    mask = torch.ones(T, P + T, dtype=torch.bool).tril(diagonal=P)
    scores = (q @ k.transpose(-2, -1) / math.sqrt(D)).masked_fill(~mask, float("-inf"))
    out = (torch.softmax(scores, dim=-1) @ v).transpose(1, 2).reshape(B, T, C).squeeze()
    return attn.w_o(out), (k, v)
