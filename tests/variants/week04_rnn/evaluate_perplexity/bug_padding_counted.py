# bug[wrong-math]: 补齐的位置也算进了 N
import math

import torch
import torch.nn.functional as F


def evaluate_perplexity(model, batches, pad_id):
    total, n = 0.0, 0
    with torch.no_grad():
        for batch in batches:
            logits, _ = model(batch[:, :-1])
            targets = batch[:, 1:]
            total += F.cross_entropy(logits.reshape(-1, logits.shape[-1]), targets.reshape(-1),
                                     ignore_index=pad_id, reduction="sum").item()
            n += targets.numel()
    return math.exp(total / n)
