# bug[wrong-math]: 在 torch.no_grad() 下评估, 却忘了 model.eval(); 模型有 dropout 时训练模式下的困惑度是随机的, 也偏高
import math

import torch
import torch.nn.functional as F


def evaluate_perplexity(model, batches, pad_id):
    total_nll, n_tokens = 0.0, 0
    with torch.no_grad():
        for batch in batches:
            inputs, targets = batch[:, :-1], batch[:, 1:]
            logits, _ = model(inputs)
            nll = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), targets.reshape(-1),
                                  ignore_index=pad_id, reduction="sum")
            total_nll += float(nll)
            n_tokens += int((targets != pad_id).sum())
    return math.exp(total_nll / n_tokens)
