# 正确: 位置嵌入用 pos_emb.weight[:T] 切片, 块用显式下标循环, 共享权重在构造 head 时直接传入同一个 Parameter
import torch
from torch import nn


class GPT(nn.Module):
    def __init__(self, vocab_size, block_size, d_model, n_layers, n_heads, d_ff):
        super().__init__()
        self.block_size = block_size
        self.tok_emb = nn.Embedding(vocab_size, d_model)
        self.pos_emb = nn.Embedding(block_size, d_model)
        self.blocks = nn.ModuleList([TransformerBlock(d_model, n_heads, d_ff) for _ in range(n_layers)])
        self.ln_f = nn.LayerNorm(d_model)
        self.head = nn.Linear(d_model, vocab_size, bias=False)
        self.head.weight = self.tok_emb.weight

    def hidden(self, idx):
        B, T = idx.shape
        if T > self.block_size:
            raise ValueError("序列太长")
        x = self.tok_emb(idx) + self.pos_emb.weight[:T].unsqueeze(0)
        mask = torch.tril(torch.ones(T, T, dtype=torch.bool, device=idx.device))
        for i in range(len(self.blocks)):
            x = self.blocks[i](x, mask)
        return self.ln_f(x)

    def forward(self, idx):
        h = self.hidden(idx)
        return h @ self.tok_emb.weight.T
