# 正确: 逐行 Python 循环, float64 概率, 累加到达到 p 为止
import torch


def top_p_filter(logits, p):
    if p >= 1:
        return logits.clone()
    flat = logits.reshape(-1, logits.shape[-1])
    out = torch.full_like(flat, float("-inf"))
    probs = torch.softmax(flat.double(), dim=-1)
    for r in range(flat.shape[0]):
        order = sorted(range(flat.shape[1]), key=lambda i: (-float(flat[r, i]), i))
        mass = 0.0
        for i in order:
            out[r, i] = flat[r, i]
            mass += float(probs[r, i])
            if mass >= p:
                break
    return out.reshape(logits.shape)
