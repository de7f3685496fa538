# bug[wrong-math]: 忘了 tanh
import torch


def rnn_cell(x, h, W_xh, W_hh, b):
    return x @ W_xh + h @ W_hh + b
