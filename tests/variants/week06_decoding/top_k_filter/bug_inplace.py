# bug[mutation]: 用 masked_fill_ 原地把其余词元设为 -inf, 调用者的 logits 被改了
import torch


def top_k_filter(logits, k):
    k = min(k, logits.shape[-1])
    order = torch.sort(logits, dim=-1, descending=True, stable=True).indices
    keep = torch.zeros_like(logits, dtype=torch.bool).scatter(-1, order[..., :k], True)
    return logits.masked_fill_(~keep, float("-inf"))
