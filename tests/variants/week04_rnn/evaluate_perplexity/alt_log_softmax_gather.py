# 正确: 手写 log_softmax + gather, 以 2 为底累加比特数, 最后 2 ** (比特 / N); 评估时切到 eval, 结束后恢复原来的模式
import torch


def evaluate_perplexity(model, batches, pad_id):
    was_training = model.training
    model.eval()
    bits, n = 0.0, 0
    with torch.no_grad():
        for batch in batches:
            logits, _ = model(batch[:, :-1])
            logp = torch.log_softmax(logits, dim=-1)
            targets = batch[:, 1:]
            picked = logp.gather(-1, targets.clamp(min=0).unsqueeze(-1)).squeeze(-1)
            mask = targets != pad_id
            bits += float(-(picked[mask]).sum()) / float(torch.log(torch.tensor(2.0, dtype=torch.float64)))
            n += int(mask.sum())
    model.train(was_training)
    return 2.0 ** (bits / n)
