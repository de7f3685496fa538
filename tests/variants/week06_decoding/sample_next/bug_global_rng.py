# bug[stale-state]: 没用传进来的 generator, 用的是全局随机状态
import torch


def sample_next(logits, generator):
    probs = torch.softmax(logits, dim=-1).reshape(-1, logits.shape[-1])
    return torch.multinomial(probs, 1).reshape(logits.shape[:-1])
