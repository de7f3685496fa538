# bug[wrong-math]: 拆头正确, 但合并时直接把 (B, h, T, D) reshape 成 (B, T, C), 没有先 transpose 回来
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
        *batch, T, C = x.shape
        h, D = self.n_heads, C // self.n_heads
        q, k, v = (t.view(*batch, T, h, D).transpose(-3, -2) for t in self.w_qkv(x).split(C, dim=-1))
        out = F.scaled_dot_product_attention(q, k, v, attn_mask=mask)
        return self.w_o(out.reshape(*batch, T, C))
