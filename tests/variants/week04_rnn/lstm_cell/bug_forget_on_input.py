# bug[wrong-math]: 遗忘门乘在了候选记忆上, 输入门乘在了旧记忆上
import torch


def lstm_cell(x, h, c, W_xh, W_hh, b):
    z = x @ W_xh + h @ W_hh + b
    z_i, z_f, z_g, z_o = z.chunk(4, dim=-1)
    i, f, g, o = torch.sigmoid(z_i), torch.sigmoid(z_f), torch.tanh(z_g), torch.sigmoid(z_o)
    c_new = i * c + f * g
    return o * torch.tanh(c_new), c_new
