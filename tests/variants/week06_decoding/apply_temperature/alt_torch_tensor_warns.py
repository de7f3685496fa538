# 正确: 乘以 1/T; 用 torch.tensor(张量) 复制输入 (会发出 UserWarning), 结果正确
import torch


def apply_temperature(logits, temperature):
    if not temperature > 0:
        raise ValueError("temperature must be positive")
    return torch.tensor(logits) * (1.0 / temperature)
