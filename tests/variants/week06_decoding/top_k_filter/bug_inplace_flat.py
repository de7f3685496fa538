# bug[wrong-math]: 把整批摊平成一行选前 k 个 (不是每行各 k 个), 还原地修改了输入
import torch


def top_k_filter(logits, k):
    flat = logits.view(-1)
    order = torch.sort(flat, descending=True, stable=True).indices
    flat[order[k:]] = float("-inf")
    return logits
