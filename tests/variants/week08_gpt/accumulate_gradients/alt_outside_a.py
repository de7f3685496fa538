import torch


def accumulate_gradients(model, loss_fn, micro_batches):
    """梯度累积: 清零梯度后逐个小批次反向传播 (损失乘 n_k / N), 返回大批次的平均损失 (float)。"""
    model.zero_grad()
    N = sum(y.shape[0] for _, y in micro_batches)
    total = 0.0
    for x, y in micro_batches:
        n_k = y.shape[0]
        loss = loss_fn(model(x), y)
        (loss * (n_k / N)).backward()
        total += loss.item() * n_k
    return total / N
