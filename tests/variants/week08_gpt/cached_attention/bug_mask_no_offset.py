# bug[wrong-math]: 掩码用 tril() 没有错开 P 格, 带缓存时新词元看不到大部分旧位置
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
    mask = torch.ones(T, k.shape[2], dtype=torch.bool).tril()
    scores = (q @ k.transpose(-2, -1) / math.sqrt(D)).masked_fill(~mask, float("-inf"))
    out = torch.softmax(scores, dim=-1) @ v
    return attn.w_o(out.transpose(1, 2).reshape(B, T, C)), (k, v)
