# bug[edge-shape]: 用 B, T, C = x.shape 再 view 回 (B, T, C), 不带批次的输入 (T, C) 就出错
from torch import nn


class TransformerBlock(nn.Module):
    def __init__(self, d_model, n_heads, d_ff):
        super().__init__()
        self.ln1 = nn.LayerNorm(d_model)
        self.attn = MultiHeadAttention(d_model, n_heads)
        self.ln2 = nn.LayerNorm(d_model)
        self.ffn = nn.Sequential(nn.Linear(d_model, d_ff), nn.GELU(), nn.Linear(d_ff, d_model))

    def forward(self, x, mask=None):
        B, T, C = x.shape
        x = x + self.attn(self.ln1(x), mask).view(B, T, C)
        return x + self.ffn(self.ln2(x)).view(B, T, C)
