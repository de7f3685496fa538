# bug[wrong-math]: 升序排序, 保留的是最小的 k 个
import torch


def top_k_filter(logits, k):
    order = torch.sort(logits, dim=-1, stable=True).indices
    keep = torch.zeros_like(logits, dtype=torch.bool).scatter(-1, order[..., :k], True)
    return logits.masked_fill(~keep, float("-inf"))
