# bug[wrong-math]: 总是取概率最大的词元 (贪心), 根本没有采样
import torch


def sample_next(logits, generator):
    return torch.argmax(logits, dim=-1)
