# bug[wrong-math]: 候选记忆 g 用了 sigmoid 而不是 tanh
import torch


def lstm_cell(x, h, c, W_xh, W_hh, b):
    z = x @ W_xh + h @ W_hh + b
    i, f, g, o = torch.sigmoid(z).chunk(4, dim=-1)
    c_new = f * c + i * g
    return o * torch.tanh(c_new), c_new
