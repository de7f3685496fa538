# bug[long-input]: 用 (e^2a - 1) / (e^2a + 1) 手写 tanh, 输入大时溢出成 nan
import torch


def rnn_cell(x, h, W_xh, W_hh, b):
    a = x @ W_xh + h @ W_hh + b
    e = torch.exp(2 * a)
    return (e - 1) / (e + 1)
