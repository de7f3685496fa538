# bug[edge-shape]: 用 keep[:, 0] = True "保险地" 保留第一个词元, 只对二维输入写对了: 一维的 (|V|,) 输入报错, 三维输入改错了位置
import torch


def top_p_filter(logits, p):
    sorted_logits, order = torch.sort(logits, dim=-1, descending=True, stable=True)
    sorted_probs = torch.softmax(sorted_logits.double(), dim=-1)
    keep_sorted = torch.cumsum(sorted_probs, dim=-1) - sorted_probs < p
    keep_sorted[:, 0] = True
    keep = torch.zeros_like(keep_sorted).scatter(-1, order, keep_sorted)
    return logits.masked_fill(~keep, float("-inf"))
