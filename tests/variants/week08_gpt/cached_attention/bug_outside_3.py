# bug[stale-state]: 把缓存挂在 attn 模块上 (attn._kv), 传进来的 cache 只用来判断是不是 None; 同一个 attn 交替处理两条序列或从旧缓存重来时用错了缓存
import math

import torch


def cached_attention(attn, x_new, cache=None):
    B, T, C = x_new.shape
    h = attn.n_heads
    D = C // h
    q, k, v = attn.w_qkv(x_new).split(C, dim=-1)
    q, k, v = (t.view(B, T, h, D).transpose(1, 2) for t in (q, k, v))  # (B, h, T, D)
    P = 0
    if cache is not None:
        k_past, v_past = attn._kv  # 上一次存下的缓存
        P = k_past.shape[2]
        k = torch.cat([k_past, k], dim=2)
        v = torch.cat([v_past, v], dim=2)
    attn._kv = (k, v)
    mask = torch.ones(T, P + T, dtype=torch.bool, device=x_new.device).tril(diagonal=P)
    scores = q @ k.transpose(-2, -1) / math.sqrt(D)
    scores = scores.masked_fill(~mask, float("-inf"))
    out = torch.softmax(scores, dim=-1) @ v  # (B, h, T, D)
    return attn.w_o(out.transpose(1, 2).reshape(B, T, C)), (k, v)
