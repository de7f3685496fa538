# 正确: forward 用 F.linear 两次, merged 用 torch.addmm 算新权重, 用 nn.Linear 的 dtype 参数建新层
import math

import torch
import torch.nn.functional as F
from torch import nn


class LoRALinear(nn.Module):
    def __init__(self, base, r=4, alpha=8.0):
        super().__init__()
        base.requires_grad_(False)
        self.base = base
        self.r, self.alpha = r, alpha
        self.scale = alpha / r
        w = base.weight
        self.A = nn.Parameter(torch.randn(r, w.shape[1], dtype=w.dtype, device=w.device) / math.sqrt(w.shape[1]))
        self.B = nn.Parameter(torch.zeros(w.shape[0], r, dtype=w.dtype, device=w.device))

    def forward(self, x):
        delta = F.linear(F.linear(x, self.A), self.B)
        return F.linear(x, self.base.weight, self.base.bias) + delta * self.scale

    def merged(self):
        w = self.base.weight
        new = nn.Linear(w.shape[1], w.shape[0], bias=self.base.bias is not None).to(dtype=w.dtype, device=w.device)
        with torch.no_grad():
            new.weight.copy_(torch.addmm(w, self.B, self.A, alpha=self.scale))
            if self.base.bias is not None:
                new.bias.copy_(self.base.bias)
        return new
