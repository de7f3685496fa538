# bug[mutation]: 想换成 "True = 遮住" 的约定, 用 mask.logical_not_() 原地取反, 调用者的掩码被改掉了
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
        scores = q @ k.transpose(-2, -1) / math.sqrt(D)
        if mask is not None:
            blocked = mask.logical_not_()  # 原地取反: True = 遮住
            scores = scores.masked_fill(blocked, float("-inf"))
        out = scores.softmax(-1) @ v
        return self.w_o(out.transpose(-3, -2).reshape(*batch, T, C))
