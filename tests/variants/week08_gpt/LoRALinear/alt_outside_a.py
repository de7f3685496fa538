import math

import torch
from torch import nn


class LoRALinear(nn.Module):
    """LoRA: 冻结的 base (nn.Linear) 加低秩增量 scale · B A, scale = alpha / r。"""

    def __init__(self, base, r=4, alpha=8.0):
        super().__init__()
        self.base = base
        self.base.requires_grad_(False)
        self.r = r
        self.scale = alpha / r
        w = base.weight
        self.A = nn.Parameter(torch.randn(r, base.in_features, dtype=w.dtype, device=w.device) / math.sqrt(base.in_features))
        self.B = nn.Parameter(torch.zeros(base.out_features, r, dtype=w.dtype, device=w.device))

    def forward(self, x):
        return self.base(x) + self.scale * (x @ self.A.T @ self.B.T)

    def merged(self):
        base = self.base
        layer = nn.Linear(base.in_features, base.out_features, bias=base.bias is not None,
                          dtype=base.weight.dtype, device=base.weight.device)
        with torch.no_grad():
            layer.weight.copy_(base.weight + self.scale * (self.B @ self.A))
            if base.bias is not None:
                layer.bias.copy_(base.bias)
        return layer
