# bug[wrong-math]: 返回的是第一步的隐状态而不是最后一步的
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
        x = self.embedding(inputs)
        h = x.new_zeros(x.shape[0], self.W_hh.shape[0]) if h0 is None else h0
        states = []
        for t in range(x.shape[1]):
            h = rnn_cell(x[:, t], h, self.W_xh, self.W_hh, self.b_h)
            states.append(h)
        return self.output(torch.stack(states, dim=1)), states[0]
