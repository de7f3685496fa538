# bug[wrong-math]: 目标没有错开一位: 让模型预测当前输入的词元本身
import math

import torch
import torch.nn.functional as F


def evaluate_perplexity(model, batches, pad_id):
    total, n = 0.0, 0
    with torch.no_grad():
        for batch in batches:
            inputs, targets = batch[:, :-1], batch[:, :-1]
            logits, _ = model(inputs)
            total += F.cross_entropy(logits.reshape(-1, logits.shape[-1]), targets.reshape(-1),
                                     ignore_index=pad_id, reduction="sum").item()
            n += int((targets != pad_id).sum())
    return math.exp(total / n)
