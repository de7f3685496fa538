# bug[edge-shape]: 用 .squeeze() 去掉 multinomial 的样本维, 批次只有 1 行时连批次维也去掉了, (1, |V|) 返回 0 维
import torch


def sample_next(logits, generator):
    probs = torch.softmax(logits, dim=-1)
    return torch.multinomial(probs, 1, generator=generator).squeeze()
