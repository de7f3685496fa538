# 正确: unflatten 拆出 (3, h, D), einsum 在 "位置 t, 头 h" 上直接做注意力, 不需要 transpose
import math

import torch
from torch import nn


class MultiHeadAttention(nn.Module):
    def __init__(self, d_model, n_heads, bias=True):
        super().__init__()
        self.d_model, self.n_heads = d_model, n_heads
        self.w_qkv = nn.Linear(d_model, 3 * d_model, bias=bias)
        self.w_o = nn.Linear(d_model, d_model, bias=bias)

    def forward(self, x, mask=None):
        h, D = self.n_heads, self.d_model // self.n_heads
        qkv = self.w_qkv(x).unflatten(-1, (3, h, D))  # (..., T, 3, h, D)
        q, k, v = qkv.unbind(-3)  # (..., T, h, D)
        scores = torch.einsum("...thd,...shd->...hts", q, k) / math.sqrt(D)
        if mask is not None:
            scores = scores.masked_fill(~mask, float("-inf"))
        w = scores.softmax(-1)
        out = torch.einsum("...hts,...shd->...thd", w, v)  # (..., T, h, D)
        return self.w_o(out.flatten(-2))
