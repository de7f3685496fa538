# 正确: 逐个位置取词向量再 torch.cat, 线性层用 weight 手写矩阵乘法
import torch
from torch import nn


class FFNNLM(nn.Module):
    def __init__(self, vocab_size, context_size, embed_dim, hidden_dim):
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, embed_dim)
        self.hidden = nn.Linear(context_size * embed_dim, hidden_dim)
        self.output = nn.Linear(hidden_dim, vocab_size)

    def forward(self, context):
        parts = [self.embedding.weight[context[:, i]] for i in range(context.shape[1])]
        e = torch.cat(parts, dim=1)
        a = torch.tanh(e @ self.hidden.weight.T + self.hidden.bias)
        return a @ self.output.weight.T + self.output.bias
