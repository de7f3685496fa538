import torch
from torch import nn


class ClassifierHead(nn.Module):
    """Linear classifier on the hidden state of the last real token of each sequence."""

    def __init__(self, d_model, n_classes):
        super().__init__()
        self.proj = nn.Linear(d_model, n_classes)

    def forward(self, hidden, lengths):
        B, T, C = hidden.shape
        index = (lengths.to(device=hidden.device, dtype=torch.long) - 1).view(B, 1, 1).expand(B, 1, C)
        last = torch.gather(hidden, 1, index).squeeze(1)  # (B, C)
        return self.proj(last)
