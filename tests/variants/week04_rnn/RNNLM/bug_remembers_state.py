# bug[stale-state]: 把最后的隐状态存在模型里, h0 为 None 时接着用上一次调用留下的状态 (像 "有状态的 RNN"), 而不是从全 0 开始
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
        self.last_h = None

    def forward(self, inputs, h0=None):
        x = self.embedding(inputs)
        if h0 is None:
            h0 = self.last_h
            if h0 is None or h0.shape[0] != x.shape[0]:
                h0 = x.new_zeros(x.shape[0], self.W_hh.shape[0])
        h, states = h0, []
        for t in range(x.shape[1]):
            h = rnn_cell(x[:, t], h, self.W_xh, self.W_hh, self.b_h)
            states.append(h)
        self.last_h = h.detach()
        return self.output(torch.stack(states, dim=1)), h
