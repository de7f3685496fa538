import math

import torch
import torch.nn.functional as F
from torch import nn


class LoRALinear(nn.Module):
    """Frozen nn.Linear plus a trainable low-rank update (alpha / r) * B @ A."""

    def __init__(self, base, r=4, alpha=8.0):
        super().__init__()
        for p in base.parameters():
            p.requires_grad_(False)
        self.base = base
        self.scale = alpha / r
        d_out, d_in = base.weight.shape
        like = dict(dtype=base.weight.dtype, device=base.weight.device)
        # randn in the default dtype, then cast to the base's dtype/device
        self.A = nn.Parameter((torch.randn(r, d_in) / math.sqrt(d_in)).to(**like))
        self.B = nn.Parameter(torch.zeros(d_out, r, **like))

    def forward(self, x):
        delta = F.linear(F.linear(x, self.A), self.B)  # x Aᵀ Bᵀ
        return self.base(x) + self.scale * delta

    @torch.no_grad()
    def merged(self):
        d_out, d_in = self.base.weight.shape
        has_bias = self.base.bias is not None
        out = nn.Linear(d_in, d_out, bias=has_bias)
        out.weight = nn.Parameter(torch.addmm(self.base.weight, self.B, self.A, alpha=self.scale).clone())
        if has_bias:
            out.bias = nn.Parameter(self.base.bias.detach().clone())
        return out
