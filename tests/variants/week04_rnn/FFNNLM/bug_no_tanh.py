# bug[wrong-math]: 隐藏层忘了 tanh, 整个模型退化成线性的
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
        return self.output(self.hidden(e))
