# 正确: 先把每个小批次的损失乘样本数 (变回总和) 再反向, 最后把梯度统一除以 N
import torch


def accumulate_gradients(model, loss_fn, micro_batches):
    for p in model.parameters():
        p.grad = None
    sizes = [len(y) for _, y in micro_batches]
    total_n = sum(sizes)
    total_loss = 0.0
    for (x, y), n in zip(micro_batches, sizes):
        loss_sum = loss_fn(model(x), y) * n
        loss_sum.backward()
        total_loss += float(loss_sum)
    with torch.no_grad():
        for p in model.parameters():
            if p.grad is not None:
                p.grad /= total_n
    return total_loss / total_n
