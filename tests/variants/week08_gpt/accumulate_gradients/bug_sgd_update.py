# bug[mutation]: 累积完顺手用梯度更新了参数 (把累积和优化器的一步混在了一起), 改动了传进来的 model
import torch


def accumulate_gradients(model, loss_fn, micro_batches):
    model.zero_grad()
    N = sum(y.shape[0] for _, y in micro_batches)
    total = 0.0
    for x, y in micro_batches:
        loss = loss_fn(model(x), y)
        (loss * y.shape[0] / N).backward()
        total += loss.item() * y.shape[0]
    with torch.no_grad():
        for p in model.parameters():
            p -= 0.01 * p.grad
    return total / N
