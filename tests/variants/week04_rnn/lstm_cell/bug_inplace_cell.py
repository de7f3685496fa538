# bug[mutation]: 用 c *= f、c += i * g 更新记忆元; 对张量这两个运算是原地的, 调用者的 c 被改掉了
import torch


def lstm_cell(x, h, c, W_xh, W_hh, b):
    z = x @ W_xh + h @ W_hh + b
    z_i, z_f, z_g, z_o = z.chunk(4, dim=-1)
    i, f, g, o = torch.sigmoid(z_i), torch.sigmoid(z_f), torch.tanh(z_g), torch.sigmoid(z_o)
    c *= f
    c += i * g
    return o * torch.tanh(c), c
