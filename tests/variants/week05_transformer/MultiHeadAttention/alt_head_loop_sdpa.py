# 正确: 不做 view/transpose, 而是逐个头切片, 用 F.scaled_dot_product_attention, 最后 cat 起来
import torch
import torch.nn.functional as F
from torch import nn


class MultiHeadAttention(nn.Module):
    def __init__(self, d_model, n_heads, bias=True):
        super().__init__()
        self.d_model, self.n_heads = d_model, n_heads
        self.w_qkv = nn.Linear(d_model, 3 * d_model, bias=bias)
        self.w_o = nn.Linear(d_model, d_model, bias=bias)

    def forward(self, x, mask=None):
        C, D = self.d_model, self.d_model // self.n_heads
        qkv = self.w_qkv(x)
        heads = []
        for i in range(self.n_heads):
            q = qkv[..., i * D:(i + 1) * D]
            k = qkv[..., C + i * D:C + (i + 1) * D]
            v = qkv[..., 2 * C + i * D:2 * C + (i + 1) * D]
            heads.append(F.scaled_dot_product_attention(q, k, v, attn_mask=mask))
        return self.w_o(torch.cat(heads, dim=-1))
