# bug[wrong-math]: 包括越过 p 的那个, 但第一个词元就超过 p 时什么也不保留 (结果为空)
import torch


def top_p_filter(logits, p):
    sorted_logits, order = torch.sort(logits, dim=-1, descending=True, stable=True)
    probs = torch.softmax(sorted_logits.double(), dim=-1)
    before = torch.cumsum(probs, dim=-1) - probs
    keep_sorted = (before < p) & (probs <= p)
    keep_sorted[..., 0] &= probs[..., 0] <= p
    keep = torch.zeros_like(keep_sorted).scatter(-1, order, keep_sorted)
    return logits.masked_fill(~keep, float("-inf"))
