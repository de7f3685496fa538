# bug[edge-shape]: 返回前 squeeze() "去掉多余的维度"; B = 1 或 d_h = 1 时返回的形状不再是 (B, d_h)
import torch


def rnn_cell(x, h, W_xh, W_hh, b):
    return torch.tanh(x @ W_xh + h @ W_hh + b).squeeze()
