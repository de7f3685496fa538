# bug[wrong-math]: softmax 做在第 0 维上 (对批量输入是跨行归一)
import torch


def sample_next(logits, generator):
    probs = torch.softmax(logits, dim=0).reshape(-1, logits.shape[-1])
    return torch.multinomial(probs, 1, generator=generator).reshape(logits.shape[:-1])
