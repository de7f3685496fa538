# bug[non-default-arg]: 只在 cache=None 时测过: 传进缓存时只把新的 k, v 返回, 新词元也只看自己这一块
import math

import torch


def cached_attention(attn, x_new, cache=None):
    B, T, C = x_new.shape
    h = attn.n_heads
    D = C // h
    q, k, v = attn.w_qkv(x_new).split(C, dim=-1)
    q, k, v = (t.view(B, T, h, D).transpose(1, 2) for t in (q, k, v))
    mask = torch.ones(T, T, dtype=torch.bool).tril()
    scores = (q @ k.transpose(-2, -1) / math.sqrt(D)).masked_fill(~mask, float("-inf"))
    out = torch.softmax(scores, dim=-1) @ v
    return attn.w_o(out.transpose(1, 2).reshape(B, T, C)), (k, v)
