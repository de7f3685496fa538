# bug[wrong-math]: 位置嵌入用词元编号去查 (pos_emb(idx)), 而不是用位置 0..T-1
from torch import nn


class GPT(nn.Module):
    def __init__(self, vocab_size, block_size, d_model, n_layers, n_heads, d_ff):
        super().__init__()
        self.block_size = block_size
        self.tok_emb = nn.Embedding(vocab_size, d_model)
        self.pos_emb = nn.Embedding(max(block_size, vocab_size), d_model)
        self.blocks = nn.ModuleList(TransformerBlock(d_model, n_heads, d_ff) for _ in range(n_layers))
        self.ln_f = nn.LayerNorm(d_model)
        self.head = nn.Linear(d_model, vocab_size, bias=False)
        self.head.weight = self.tok_emb.weight

    def hidden(self, idx):
        T = idx.shape[1]
        if T > self.block_size:
            raise ValueError("too long")
        x = self.tok_emb(idx) + self.pos_emb(idx)
        mask = causal_mask(T, device=idx.device)
        for block in self.blocks:
            x = block(x, mask)
        return self.ln_f(x)

    def forward(self, idx):
        return self.head(self.hidden(idx))
