# bug[wrong-math]: 用第 k 大的值作阈值, 并列时会保留多于 k 个
import torch


def top_k_filter(logits, k):
    k = min(k, logits.shape[-1])
    kth = torch.topk(logits, k, dim=-1).values[..., -1:]
    return logits.masked_fill(logits < kth, float("-inf"))
