# 正确: 逐个位置的损失用旧式参数 reduce=False 求出 (会触发 torch 的 UserWarning), 再用掩码去掉补齐的位置
import math

import torch
import torch.nn.functional as F


def evaluate_perplexity(model, batches, pad_id):
    model.eval()
    nll_sum, count = 0.0, 0
    with torch.no_grad():
        for batch in batches:
            logits, _ = model(batch[:, :-1])
            targets = batch[:, 1:]
            per_token = F.cross_entropy(logits.transpose(1, 2), targets, reduce=False)  # (B, T)
            mask = targets != pad_id
            nll_sum += per_token[mask].sum().item()
            count += mask.sum().item()
    return math.exp(nll_sum / count)
