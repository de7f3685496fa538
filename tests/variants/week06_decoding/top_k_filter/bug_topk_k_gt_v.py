# bug[edge-shape]: torch.topk(logits, k) 没有和 |V| 取较小值, k > |V| 时报错
import torch


def top_k_filter(logits, k):
    idx = torch.topk(logits, k, dim=-1, sorted=True).indices
    keep = torch.zeros_like(logits, dtype=torch.bool).scatter(-1, idx, True)
    return logits.masked_fill(~keep, float("-inf"))
