import torch
from torch import nn


class ClassifierHead(nn.Module):
    """取每条序列最后一个真实位置的隐状态, 过 proj = nn.Linear(d_model, n_classes)。"""

    def __init__(self, d_model, n_classes):
        super().__init__()
        self.proj = nn.Linear(d_model, n_classes)

    def forward(self, hidden, lengths):
        B = hidden.shape[0]
        rows = torch.arange(B, device=hidden.device)
        last = hidden[rows, lengths.to(hidden.device) - 1]  # (B, C)
        return self.proj(last)
