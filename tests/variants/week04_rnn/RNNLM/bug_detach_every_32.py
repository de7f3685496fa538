# bug[long-input]: 把 4.9 节的截断 BPTT 写进了模型: 每 32 步 detach 一次隐状态; 短序列看不出来, 序列长于 32 步时梯度传不回前面
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
            if t > 0 and t % 32 == 0:
                h = h.detach()  # 截断: 梯度最多回传 32 步
            h = rnn_cell(x[:, t], h, self.W_xh, self.W_hh, self.b_h)
            states.append(h)
        return self.output(torch.stack(states, dim=1)), h
