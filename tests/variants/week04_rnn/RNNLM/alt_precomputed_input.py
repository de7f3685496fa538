# 正确: 先一次算出所有时间步的 x W_xh, 再循环; 隐状态写进预先分配的张量
import torch
from torch import nn


class RNNLM(nn.Module):
    def __init__(self, vocab_size, embed_dim, hidden_dim):
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, embed_dim)
        self.W_xh = nn.Parameter(0.1 * torch.randn(embed_dim, hidden_dim))
        self.W_hh = nn.Parameter(0.1 * torch.randn(hidden_dim, hidden_dim))
        self.b_h = nn.Parameter(torch.zeros(hidden_dim))
        self.output = nn.Linear(hidden_dim, vocab_size)

    def forward(self, inputs, h0=None):
        B, T = inputs.shape
        xw = self.embedding(inputs) @ self.W_xh + self.b_h
        h = torch.zeros(B, self.W_hh.shape[0], dtype=xw.dtype) if h0 is None else h0
        outs = []
        for t in range(T):
            h = torch.tanh(xw[:, t, :] + h @ self.W_hh)
            outs.append(h.unsqueeze(1))
        hs = torch.cat(outs, dim=1)
        return hs @ self.output.weight.T + self.output.bias, h
