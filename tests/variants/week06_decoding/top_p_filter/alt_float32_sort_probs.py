# 正确: 在 logits 自己的 dtype 里算 softmax (float32 输入就用 float32), 先排概率再累加; p >= 1 时复制一份返回
import torch


def top_p_filter(logits, p):
    if p >= 1:
        return logits.clone()
    probs = torch.softmax(logits, dim=-1)
    sorted_probs, order = torch.sort(probs, dim=-1, descending=True, stable=True)
    before = sorted_probs.cumsum(-1) - sorted_probs
    keep = torch.empty_like(before, dtype=torch.bool).scatter_(-1, order, before < p)
    return torch.where(keep, logits, torch.full_like(logits, float("-inf")))
