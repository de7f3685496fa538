# bug[edge-shape]: 摊平成 (N, |V|) 逐行处理后忘了还原形状, 一维和三维的输入都变成了二维
import torch


def apply_temperature(logits, temperature):
    if temperature <= 0:
        raise ValueError("温度必须为正数")
    rows = logits.reshape(-1, logits.shape[-1])
    return torch.stack([row / temperature for row in rows])
