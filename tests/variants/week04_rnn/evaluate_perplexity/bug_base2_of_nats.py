# bug[wrong-math]: 损失是以 e 为底的 (奈特), 却用 2 ** 平均损失 求困惑度
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
            n += int((targets != pad_id).sum())
    return 2 ** (total / n)
