# bug[edge-shape]: 小批次的样本数用 len(x) 而不是 y.shape[0], x 是 (idx, lengths) 这样的元组时 n_k 恒为 2, 权重全错
import torch


def accumulate_gradients(model, loss_fn, micro_batches):
    model.zero_grad()
    total_n = sum(len(x) for x, _ in micro_batches)
    total_loss = 0.0
    for x, y in micro_batches:
        loss = loss_fn(model(x), y)
        weight = len(x) / total_n
        (loss * weight).backward()
        total_loss += loss.item() * weight
    return total_loss
