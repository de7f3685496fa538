# 正确: 按下标切出每个门, 用 F.linear 与转置的权重相乘
import torch
import torch.nn.functional as F


def lstm_cell(x, h, c, W_xh, W_hh, b):
    d = h.shape[1]
    z = F.linear(x, W_xh.T) + F.linear(h, W_hh.T, b)
    gate = lambda k: z[:, k * d:(k + 1) * d]
    i, f, g, o = torch.sigmoid(gate(0)), torch.sigmoid(gate(1)), torch.tanh(gate(2)), torch.sigmoid(gate(3))
    c_new = torch.addcmul(f * c, i, g)
    return o * torch.tanh(c_new), c_new
