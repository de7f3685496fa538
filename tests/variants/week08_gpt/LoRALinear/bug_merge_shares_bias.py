# bug[aliasing]: merged() 返回的新层直接用了 base 的权重和偏置 Parameter (再加增量), 改它的偏置就改了 base
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
        self.B = nn.Parameter(torch.zeros(base.out_features, r, **kw))

    def forward(self, x):
        return self.base(x) + self.scale * (x @ self.A.T @ self.B.T)

    def merged(self):
        layer = nn.Linear(self.base.in_features, self.base.out_features, bias=self.base.bias is not None,
                          dtype=self.base.weight.dtype)
        layer.weight = nn.Parameter(self.base.weight + self.scale * self.B.detach() @ self.A.detach())
        if self.base.bias is not None:
            layer.bias = self.base.bias
        return layer
