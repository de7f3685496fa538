# bug[long-input]: 用 (e^2a - 1) / (e^2a + 1) 手写 tanh; 记忆元很大 (几百以上) 时 e^2a 溢出成 inf, 得到 nan
import torch


def lstm_cell(x, h, c, W_xh, W_hh, b):
    tanh = lambda a: (torch.exp(2 * a) - 1) / (torch.exp(2 * a) + 1)
    z = x @ W_xh + h @ W_hh + b
    z_i, z_f, z_g, z_o = z.chunk(4, dim=-1)
    i, f, g, o = torch.sigmoid(z_i), torch.sigmoid(z_f), tanh(z_g), torch.sigmoid(z_o)
    c_new = f * c + i * g
    return o * tanh(c_new), c_new
