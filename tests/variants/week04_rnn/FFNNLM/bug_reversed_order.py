# bug[wrong-math]: 拼接时把历史倒过来了 (最近的词元在前)
import torch
from torch import nn


class FFNNLM(nn.Module):
    def __init__(self, vocab_size, context_size, embed_dim, hidden_dim):
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, embed_dim)
        self.hidden = nn.Linear(context_size * embed_dim, hidden_dim)
        self.output = nn.Linear(hidden_dim, vocab_size)

    def forward(self, context):
        e = self.embedding(context.flip(1)).flatten(1)
        return self.output(torch.tanh(self.hidden(e)))
