# bug[edge-shape]: 统计量在 dim=1 上算 (只对 (B, d) 的二维输入碰巧正确), 一维输入 (d,) 直接报错
import torch


def layer_norm(x, gamma, beta, eps=1e-5):
    mean = x.mean(dim=1, keepdim=True)
    var = ((x - mean) ** 2).mean(dim=1, keepdim=True)
    return (x - mean) / torch.sqrt(var + eps) * gamma + beta
