# bug[mutation]: 先记下掩码, 再用 batch[batch == pad_id] = 0 把补齐符号换成 0 (以为嵌入层只认 0 作补齐); 结果对, 但调用者的批次张量被改了
import math

import torch
import torch.nn.functional as F


def evaluate_perplexity(model, batches, pad_id):
    model.eval()
    nll, n = 0.0, 0
    with torch.no_grad():
        for batch in batches:
            mask = batch[:, 1:] != pad_id
            batch[batch == pad_id] = 0
            logits, _ = model(batch[:, :-1])
            logp = torch.log_softmax(logits, dim=-1).gather(-1, batch[:, 1:].unsqueeze(-1)).squeeze(-1)
            nll -= float(logp[mask].sum())
            n += int(mask.sum())
    return math.exp(nll / n)
