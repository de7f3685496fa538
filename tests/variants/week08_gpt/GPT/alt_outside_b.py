import math

import torch
from torch import nn

# ---- 第 5 周的参考解答 (已给出, 不计分; 可以换成你自己第 5 周的版本, 接口相同) ----
def scaled_dot_product_attention(q, k, v, mask=None):
    # q: (..., T_q, d_k); k: (..., T_k, d_k); v: (..., T_k, d_v); mask: True = 可以看
    d_k = q.shape[-1]
    scores = q @ k.transpose(-2, -1) / math.sqrt(d_k)  # (..., T_q, T_k)
    if mask is not None:
        scores = scores.masked_fill(~mask, float("-inf"))
    weights = torch.softmax(scores, dim=-1)  # (..., T_q, T_k)
    return weights @ v, weights


def causal_mask(T, device=None):
    return torch.ones(T, T, dtype=torch.bool, device=device).tril()  # (T, T) 下三角, 含对角线


class MultiHeadAttention(nn.Module):
    def __init__(self, d_model, n_heads, bias=True):
        super().__init__()
        assert d_model % n_heads == 0, "d_model 必须能被 n_heads 整除"
        self.d_model, self.n_heads = d_model, n_heads
        self.d_head = d_model // n_heads
        self.w_qkv = nn.Linear(d_model, 3 * d_model, bias=bias)  # 输出依次是 Q, K, V
        self.w_o = nn.Linear(d_model, d_model, bias=bias)

    def forward(self, x, mask=None):
        *batch, T, C = x.shape
        q, k, v = self.w_qkv(x).split(C, dim=-1)  # 各 (..., T, C)
        q, k, v = (t.view(*batch, T, self.n_heads, self.d_head).transpose(-3, -2) for t in (q, k, v))  # (..., h, T, D)
        out, _ = scaled_dot_product_attention(q, k, v, mask)  # (..., h, T, D)
        return self.w_o(out.transpose(-3, -2).reshape(*batch, T, C))  # (..., T, C)


class TransformerBlock(nn.Module):
    def __init__(self, d_model, n_heads, d_ff):
        super().__init__()
        self.ln1 = nn.LayerNorm(d_model)
        self.attn = MultiHeadAttention(d_model, n_heads)
        self.ln2 = nn.LayerNorm(d_model)
        self.ffn = nn.Sequential(nn.Linear(d_model, d_ff), nn.GELU(), nn.Linear(d_ff, d_model))

    def forward(self, x, mask=None):
        x = x + self.attn(self.ln1(x), mask)  # (..., T, C) 注意力子层 + 残差
        return x + self.ffn(self.ln2(x))  # (..., T, C) 前馈子层 + 残差


# ---- 练习 8.1 ----
class GPT(nn.Module):
    """GPT built from the week-5 blocks, output layer tied to the token embedding."""

    def __init__(self, vocab_size, block_size, d_model, n_layers, n_heads, d_ff):
        super().__init__()
        self.block_size = block_size
        self.tok_emb = nn.Embedding(vocab_size, d_model)
        self.pos_emb = nn.Embedding(block_size, d_model)
        blocks = []
        for _ in range(n_layers):
            blocks.append(TransformerBlock(d_model, n_heads, d_ff))
        self.blocks = nn.ModuleList(blocks)
        self.ln_f = nn.LayerNorm(d_model)
        self.head = nn.Linear(d_model, vocab_size, bias=False)
        # tie the other way round: the embedding reuses the head's Parameter (still one shared nn.Parameter)
        self.tok_emb.weight = self.head.weight

    def hidden(self, idx):
        if idx.dim() != 2:
            raise ValueError("idx must have shape (B, T)")
        T = idx.size(1)
        if T > self.block_size:
            raise ValueError("T = %d > block_size = %d" % (T, self.block_size))
        h = self.tok_emb.weight[idx] + self.pos_emb.weight[:T]  # (B, T, C) + (T, C)
        mask = torch.tril(torch.ones(T, T, dtype=torch.bool, device=idx.device))
        for blk in self.blocks:
            h = blk(h, mask=mask)
        return self.ln_f(h)

    def forward(self, idx):
        h = self.hidden(idx)
        return h @ self.head.weight.T  # = head(h), logits (B, T, V)
