# bug[wrong-math]: 在概率不为 0 的词元里均匀地采 (忽略了概率的大小)
import torch


def sample_next(logits, generator):
    weights = torch.isfinite(logits).float().reshape(-1, logits.shape[-1])
    return torch.multinomial(weights, 1, generator=generator).reshape(logits.shape[:-1])
