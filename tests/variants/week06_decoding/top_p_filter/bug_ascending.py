# bug[wrong-math]: 按概率从小到大累加, 保留的是尾部的词元
import torch


def top_p_filter(logits, p):
    sorted_logits, order = torch.sort(logits, dim=-1, stable=True)
    probs = torch.softmax(sorted_logits.double(), dim=-1)
    keep_sorted = torch.cumsum(probs, dim=-1) - probs < p
    keep = torch.zeros_like(keep_sorted).scatter(-1, order, keep_sorted)
    return logits.masked_fill(~keep, float("-inf"))
