# bug[wrong-math]: 返回的是温度缩放后的概率, 不是 logits
import torch


def apply_temperature(logits, temperature):
    return torch.softmax(logits / temperature, dim=-1)
