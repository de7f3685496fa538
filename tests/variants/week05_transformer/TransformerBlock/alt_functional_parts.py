# 正确: 子模块相同, forward 里用 F.layer_norm 和 F.gelu 把每一步写开
import torch.nn.functional as F
from torch import nn


class TransformerBlock(nn.Module):
    def __init__(self, d_model, n_heads, d_ff):
        super().__init__()
        self.ln1 = nn.LayerNorm(d_model)
        self.attn = MultiHeadAttention(d_model, n_heads)
        self.ln2 = nn.LayerNorm(d_model)
        self.ffn = nn.Sequential(nn.Linear(d_model, d_ff), nn.GELU(), nn.Linear(d_ff, d_model))

    def forward(self, x, mask=None):
        C = x.shape[-1]
        h = F.layer_norm(x, (C,), self.ln1.weight, self.ln1.bias, self.ln1.eps)
        attn_out = self.attn(h, mask)
        x = attn_out + x
        h = F.layer_norm(x, (C,), self.ln2.weight, self.ln2.bias, self.ln2.eps)
        hidden = F.gelu(self.ffn[0](h))
        return x + self.ffn[2](hidden)
