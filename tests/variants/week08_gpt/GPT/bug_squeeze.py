# bug[edge-shape]: 用 squeeze() 去掉多余的维, batch 为 1 或 T 为 1 时把真正的维也挤掉了, 输出形状不对
import torch
from torch import nn


class GPT(nn.Module):
    def __init__(self, vocab_size, block_size, d_model, n_layers, n_heads, d_ff):
        super().__init__()
        self.block_size = block_size
        self.tok_emb = nn.Embedding(vocab_size, d_model)
        self.pos_emb = nn.Embedding(block_size, d_model)
        self.blocks = nn.ModuleList(TransformerBlock(d_model, n_heads, d_ff) for _ in range(n_layers))
        self.ln_f = nn.LayerNorm(d_model)
        self.head = nn.Linear(d_model, vocab_size, bias=False)
        self.head.weight = self.tok_emb.weight

    def hidden(self, idx):
        T = idx.shape[1]
        if T > self.block_size:
            raise ValueError("too long")
        x = self.tok_emb(idx) + self.pos_emb(torch.arange(T, device=idx.device))
        mask = causal_mask(T, device=idx.device)
        for block in self.blocks:
            x = block(x, mask)
        return self.ln_f(x).squeeze()

    def forward(self, idx):
        return self.head(self.hidden(idx))
