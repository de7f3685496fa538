# bug[wrong-math]: 先算每个批次的平均损失, 再对批次取平均 (没有按词元加权)
import math

import torch
import torch.nn.functional as F


def evaluate_perplexity(model, batches, pad_id):
    losses = []
    with torch.no_grad():
        for batch in batches:
            logits, _ = model(batch[:, :-1])
            loss = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), batch[:, 1:].reshape(-1), ignore_index=pad_id)
            losses.append(loss.item())
    return math.exp(sum(losses) / len(losses))
