# bug[wrong-math]: 每个头除以 √d_model 而不是 √(d_model / h)
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
        *batch, T, C = x.shape
        h, D = self.n_heads, C // self.n_heads
        q, k, v = (t.view(*batch, T, h, D).transpose(-3, -2) for t in self.w_qkv(x).split(C, dim=-1))
        scores = q @ k.transpose(-2, -1) / math.sqrt(C)
        if mask is not None:
            scores = scores.masked_fill(~mask, float("-inf"))
        out = scores.softmax(-1) @ v
        return self.w_o(out.transpose(-3, -2).reshape(*batch, T, C))
