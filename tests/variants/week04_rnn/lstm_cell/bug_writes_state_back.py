# bug[aliasing]: 为了省内存, 把新的 h、c 写回参数 (h.copy_、c.copy_) 再返回它们: 返回值就是调用者的 h 和 c
import torch


def lstm_cell(x, h, c, W_xh, W_hh, b):
    z = x @ W_xh + h @ W_hh + b
    z_i, z_f, z_g, z_o = z.chunk(4, dim=-1)
    i, f, g, o = torch.sigmoid(z_i), torch.sigmoid(z_f), torch.tanh(z_g), torch.sigmoid(z_o)
    c_new = f * c + i * g
    h_new = o * torch.tanh(c_new)
    with torch.no_grad():
        h.copy_(h_new)
        c.copy_(c_new)
    return h, c
