# bug[wrong-math]: x 和 h 的权重用反了
import torch


def rnn_cell(x, h, W_xh, W_hh, b):
    return torch.tanh(x @ W_hh + h @ W_xh + b)
