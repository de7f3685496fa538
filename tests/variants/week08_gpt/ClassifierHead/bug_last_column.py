# bug[wrong-math]: 直接取 hidden[:, -1], 短评论取到的是补齐的 </s> 位置
from torch import nn


class ClassifierHead(nn.Module):
    def __init__(self, d_model, n_classes):
        super().__init__()
        self.proj = nn.Linear(d_model, n_classes)

    def forward(self, hidden, lengths):
        return self.proj(hidden[:, -1])
