# bug[long-input]: 自己写 softmax 时没减最大值, logits 很大 (几百) 时 exp 溢出成 inf, 概率变成 nan
import torch


def sample_next(logits, generator):
    e = logits.exp()
    probs = e / e.sum(dim=-1, keepdim=True)
    flat = probs.reshape(-1, probs.shape[-1])
    return torch.multinomial(flat, 1, generator=generator).reshape(logits.shape[:-1])
