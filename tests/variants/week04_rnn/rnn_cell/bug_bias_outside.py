# bug[wrong-math]: 偏置加在 tanh 外面
import torch


def rnn_cell(x, h, W_xh, W_hh, b):
    return torch.tanh(x @ W_xh + h @ W_hh) + b
