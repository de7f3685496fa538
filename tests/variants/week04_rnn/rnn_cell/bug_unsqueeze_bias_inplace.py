# bug[mutation]: 想把偏置变成 (1, d_h) 好广播, 用了原地的 unsqueeze_; 结果对, 但调用者的 b 变成了 (1, d_h)
import torch


def rnn_cell(x, h, W_xh, W_hh, b):
    b.unsqueeze_(0)
    return torch.tanh(x @ W_xh + h @ W_hh + b)
