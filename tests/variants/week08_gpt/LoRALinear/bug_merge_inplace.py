# bug[mutation]: merged() 把增量原地加进了 base.weight 再返回一个拷贝, base 被改了 (之后 forward 把增量算了两次)
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
        with torch.no_grad():
            self.base.weight += self.scale * self.B @ self.A
        W = self.base.weight
        layer = nn.Linear(self.base.in_features, self.base.out_features, bias=self.base.bias is not None,
                          dtype=W.dtype, device=W.device)
        with torch.no_grad():
            layer.weight.copy_(W)
            if self.base.bias is not None:
                layer.bias.copy_(self.base.bias)
        return layer
