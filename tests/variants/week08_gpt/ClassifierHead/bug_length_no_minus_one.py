# bug[wrong-math]: 下标用 lengths 而不是 lengths - 1, 取到最后一个真实词元的下一个位置 (长度等于 T 时越界, 用 clamp 掩盖了)
import torch
from torch import nn


class ClassifierHead(nn.Module):
    def __init__(self, d_model, n_classes):
        super().__init__()
        self.proj = nn.Linear(d_model, n_classes)

    def forward(self, hidden, lengths):
        pos = lengths.clamp(max=hidden.shape[1] - 1)
        return self.proj(hidden[torch.arange(hidden.shape[0]), pos])
