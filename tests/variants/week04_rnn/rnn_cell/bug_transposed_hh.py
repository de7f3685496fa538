# bug[wrong-math]: 按 nn.RNNCell 的习惯把 W_hh 转置了
import torch


def rnn_cell(x, h, W_xh, W_hh, b):
    return torch.tanh(x @ W_xh + h @ W_hh.T + b)
