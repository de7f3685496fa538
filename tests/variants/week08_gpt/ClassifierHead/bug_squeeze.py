# bug[edge-shape]: 用 squeeze() 整理形状, batch 为 1 时输出变成 (n_classes,) 而不是 (1, n_classes)
from torch import nn


class ClassifierHead(nn.Module):
    def __init__(self, d_model, n_classes):
        super().__init__()
        self.proj = nn.Linear(d_model, n_classes)

    def forward(self, hidden, lengths):
        idx = (lengths - 1).view(-1, 1, 1).expand(-1, 1, hidden.shape[-1])
        return self.proj(hidden.gather(1, idx).squeeze())
