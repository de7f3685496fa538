# bug[edge-shape]: 返回前 squeeze() "去掉多余的维度"; 批大小 B = 1 时 logits 变成 (|V|,), 而不是 (1, |V|)
import torch
from torch import nn


class FFNNLM(nn.Module):
    def __init__(self, vocab_size, context_size, embed_dim, hidden_dim):
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, embed_dim)
        self.hidden = nn.Linear(context_size * embed_dim, hidden_dim)
        self.output = nn.Linear(hidden_dim, vocab_size)

    def forward(self, context):
        e = self.embedding(context).flatten(1)
        return self.output(torch.tanh(self.hidden(e))).squeeze()
