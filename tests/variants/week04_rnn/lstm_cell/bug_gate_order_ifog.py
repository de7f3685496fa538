# bug[wrong-math]: 门的顺序当成了 i, f, o, g
import torch


def lstm_cell(x, h, c, W_xh, W_hh, b):
    z = x @ W_xh + h @ W_hh + b
    z_i, z_f, z_o, z_g = z.chunk(4, dim=-1)
    i, f, o, g = torch.sigmoid(z_i), torch.sigmoid(z_f), torch.sigmoid(z_o), torch.tanh(z_g)
    c_new = f * c + i * g
    return o * torch.tanh(c_new), c_new
