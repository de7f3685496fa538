# 正确: 用 torch.tensor(张量) 复制输入 (会发出 UserWarning), 方差用 E[x²] - E[x]² 的中心化写法
import torch


def layer_norm(x, gamma, beta, eps=1e-5):
    x = torch.tensor(x)  # torch.tensor(张量) 会警告, 但结果正确
    centered = x - x.mean(-1, keepdim=True)
    var = (centered * centered).sum(-1, keepdim=True) / x.shape[-1]
    return gamma * centered / (var + eps).sqrt() + beta
