# bug[wrong-math]: B 也用随机数初始化 (以为 A, B 都要随机), 刚接上时输出就与 base 不同
import math

import torch
from torch import nn


class LoRALinear(nn.Module):
    def __init__(self, base, r=4, alpha=8.0):
        super().__init__()
        self.base = base
        for p in base.parameters():
            p.requires_grad_(False)
        self.scale = alpha / r
        kw = {"dtype": base.weight.dtype, "device": base.weight.device}
        self.A = nn.Parameter(torch.randn(r, base.in_features, **kw) / math.sqrt(base.in_features))
        self.B = nn.Parameter(torch.randn(base.out_features, r, **kw) / math.sqrt(r))

    def forward(self, x):
        return self.base(x) + self.scale * (x @ self.A.T @ self.B.T)

    def merged(self):
        W = self.base.weight
        layer = nn.Linear(self.base.in_features, self.base.out_features, bias=self.base.bias is not None,
                          dtype=W.dtype, device=W.device)
        with torch.no_grad():
            layer.weight.copy_(W + self.scale * self.B @ self.A)
            if self.base.bias is not None:
                layer.bias.copy_(self.base.bias)
        return layer
