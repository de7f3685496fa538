# bug[aliasing]: k >= |V| 时 "什么也不用过滤", 直接返回输入本身, 调用者改返回值就改了输入
import torch


def top_k_filter(logits, k):
    if k >= logits.shape[-1]:
        return logits
    order = torch.sort(logits, dim=-1, descending=True, stable=True).indices
    keep = torch.zeros_like(logits, dtype=torch.bool).scatter(-1, order[..., :k], True)
    return logits.masked_fill(~keep, float("-inf"))
