# bug[non-default-arg]: 没把 bias 参数传给两个线性层, bias=False 时仍然带偏置
import torch
from torch import nn


class MultiHeadAttention(nn.Module):
    def __init__(self, d_model, n_heads, bias=True):
        super().__init__()
        self.d_model, self.n_heads = d_model, n_heads
        self.d_head = d_model // n_heads
        self.w_qkv = nn.Linear(d_model, 3 * d_model)
        self.w_o = nn.Linear(d_model, d_model)

    def forward(self, x, mask=None):
        *batch, T, C = x.shape
        q, k, v = self.w_qkv(x).split(C, dim=-1)
        q, k, v = (t.view(*batch, T, self.n_heads, self.d_head).transpose(-3, -2) for t in (q, k, v))
        out, _ = scaled_dot_product_attention(q, k, v, mask)
        return self.w_o(out.transpose(-3, -2).reshape(*batch, T, C))
