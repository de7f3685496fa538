# bug[edge-shape]: 用正数下标 (B, T, C = x.shape), 不带批次的输入 (T, C) 就出错
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
        B, T, C = x.shape
        h, D = self.n_heads, C // self.n_heads
        q, k, v = (t.view(B, T, h, D).transpose(1, 2) for t in self.w_qkv(x).split(C, dim=-1))
        out = F.scaled_dot_product_attention(q, k, v, attn_mask=mask)
        return self.w_o(out.transpose(1, 2).reshape(B, T, C))
