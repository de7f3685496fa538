# bug[edge-shape]: torch.multinomial 返回的 (B, 1) 没有去掉最后一维, 返回形状是 logits.shape[:-1] + (1,)
import torch


def sample_next(logits, generator):
    probs = torch.softmax(logits.float(), dim=-1)
    idx = torch.multinomial(probs.reshape(-1, probs.shape[-1]), 1, generator=generator)  # (B, 1)
    return idx.reshape(logits.shape[:-1] + (1,))
