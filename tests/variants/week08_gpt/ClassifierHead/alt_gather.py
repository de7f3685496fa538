# 正确: 用 torch.gather 按长度取出最后一个真实位置
import torch
from torch import nn


class ClassifierHead(nn.Module):
    def __init__(self, d_model, n_classes):
        super().__init__()
        self.proj = nn.Linear(d_model, n_classes)

    def forward(self, hidden, lengths):
        B, T, C = hidden.shape
        index = (lengths - 1).view(B, 1, 1).expand(B, 1, C)
        last = torch.gather(hidden, 1, index).view(B, C)
        return self.proj(last)
