# bug[long-input]: 把所有目标词元的概率连乘, 最后开 N 次方: PPL = (Π p)^(-1/N); 词元一多乘积就下溢成 0
import torch


def evaluate_perplexity(model, batches, pad_id):
    model.eval()
    prob, n = 1.0, 0
    with torch.no_grad():
        for batch in batches:
            logits, _ = model(batch[:, :-1])
            targets = batch[:, 1:]
            p = torch.softmax(logits, dim=-1).gather(-1, targets.unsqueeze(-1)).squeeze(-1)
            mask = targets != pad_id
            prob *= float(p[mask].prod())
            n += int(mask.sum())
    return prob ** (-1.0 / n)
