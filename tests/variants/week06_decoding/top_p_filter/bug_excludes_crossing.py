# bug[wrong-math]: 只保留累积质量 <= p 的词元, 漏掉了越过 p 的那个 (可能得到空集)
import torch


def top_p_filter(logits, p):
    sorted_logits, order = torch.sort(logits, dim=-1, descending=True, stable=True)
    cum = torch.cumsum(torch.softmax(sorted_logits, dim=-1), dim=-1)
    keep = torch.zeros_like(cum, dtype=torch.bool).scatter(-1, order, cum <= p)
    return logits.masked_fill(~keep, float("-inf"))
