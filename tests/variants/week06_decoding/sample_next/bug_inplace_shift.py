# bug[mutation]: 为了数值稳定用 logits -= max 原地减最大值, 把调用者的 logits 也改了 (采样本身是对的)
import torch


def sample_next(logits, generator):
    logits -= logits.max(dim=-1, keepdim=True).values
    probs = logits.exp()
    flat = probs.reshape(-1, probs.shape[-1])
    return torch.multinomial(flat, 1, generator=generator).reshape(logits.shape[:-1])
