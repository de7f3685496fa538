# bug[edge-shape]: 每个批次用 cross_entropy 的默认平均 (已忽略补齐), 再乘以这批的词元数; 全是补齐的批次平均出 nan, nan × 0 还是 nan
import math

import torch
import torch.nn.functional as F


def evaluate_perplexity(model, batches, pad_id):
    model.eval()
    total, n = 0.0, 0
    with torch.no_grad():
        for batch in batches:
            logits, _ = model(batch[:, :-1])
            targets = batch[:, 1:]
            mean = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), targets.reshape(-1), ignore_index=pad_id)
            count = int((targets != pad_id).sum())
            total += float(mean) * count
            n += count
    return math.exp(total / n)
