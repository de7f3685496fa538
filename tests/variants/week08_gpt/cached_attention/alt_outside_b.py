import math

import torch


def cached_attention(attn, x_new, cache=None):
    """Causal multi-head self-attention over [cache; x_new], written without the helper function."""
    B, T, C = x_new.shape
    n_heads = attn.n_heads
    d_head = C // n_heads
    qkv = attn.w_qkv(x_new).reshape(B, T, 3, n_heads, d_head).permute(2, 0, 3, 1, 4)  # (3, B, h, T, D)
    q, k_new, v_new = qkv[0], qkv[1], qkv[2]
    if cache is None:
        P = 0
        k, v = k_new, v_new
    else:
        P = cache[0].shape[2]
        k = torch.cat((cache[0], k_new), dim=2)
        v = torch.cat((cache[1], v_new), dim=2)
    scores = torch.einsum("bhtd,bhsd->bhts", q, k) / math.sqrt(d_head)  # (B, h, T, P + T)
    # query i (absolute position P + i) may look at key j iff j <= P + i
    qpos = torch.arange(T, device=x_new.device)[:, None] + P
    kpos = torch.arange(P + T, device=x_new.device)[None, :]
    scores = scores.masked_fill(kpos > qpos, float("-inf"))
    weights = scores.softmax(dim=-1)
    ctx = torch.einsum("bhts,bhsd->bhtd", weights, v)  # (B, h, T, D)
    out = attn.w_o(ctx.permute(0, 2, 1, 3).reshape(B, T, C))
    return out, (k.contiguous(), v.contiguous())
