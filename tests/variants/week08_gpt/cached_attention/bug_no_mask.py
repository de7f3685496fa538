# bug[wrong-math]: 以为有了缓存就不需要掩码 (逐个生成时确实不需要), 一次送进多个新词元 (预填充) 时前面的看到了后面的
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
    out = torch.softmax(q @ k.transpose(-2, -1) / math.sqrt(D), dim=-1) @ v
    return attn.w_o(out.transpose(1, 2).reshape(B, T, C)), (k, v)
