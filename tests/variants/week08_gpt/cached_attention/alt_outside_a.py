import math

import torch


def cached_attention(attn, x_new, cache=None):
    """带 KV 缓存的因果多头自注意力: 返回 (out (B, T, C), (k, v) 各 (B, h, P + T, D))。"""
    B, T, C = x_new.shape
    h = attn.n_heads
    D = C // h
    q, k, v = attn.w_qkv(x_new).split(C, dim=-1)  # 各 (B, T, C)
    q, k, v = (t.view(B, T, h, D).transpose(1, 2) for t in (q, k, v))  # (B, h, T, D)
    if cache is not None:
        k_past, v_past = cache
        k = torch.cat([k_past, k], dim=2)
        v = torch.cat([v_past, v], dim=2)
    P = k.shape[2] - T
    mask = torch.ones(T, P + T, dtype=torch.bool, device=x_new.device).tril(diagonal=P)
    out, _ = scaled_dot_product_attention(q, k, v, mask)  # (B, h, T, D), 8.1 节给出的函数
    out = attn.w_o(out.transpose(1, 2).reshape(B, T, C))
    return out, (k, v)
