# bug[edge-shape]: 返回前 squeeze() "去掉多余的维度"; B = 1 或 d_h = 1 时 h_new、c_new 不再是 (B, d_h)
import torch


def lstm_cell(x, h, c, W_xh, W_hh, b):
    z = x @ W_xh + h @ W_hh + b
    z_i, z_f, z_g, z_o = z.chunk(4, dim=-1)
    i, f, g, o = torch.sigmoid(z_i), torch.sigmoid(z_f), torch.tanh(z_g), torch.sigmoid(z_o)
    c_new = f * c + i * g
    return (o * torch.tanh(c_new)).squeeze(), c_new.squeeze()
