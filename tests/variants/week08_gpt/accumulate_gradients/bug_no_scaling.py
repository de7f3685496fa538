# bug[wrong-math]: 直接把每个小批次的平均损失反向, 梯度是各小批次梯度之和 (大了约 K 倍)


def accumulate_gradients(model, loss_fn, micro_batches):
    model.zero_grad()
    N = sum(y.shape[0] for _, y in micro_batches)
    total = 0.0
    for x, y in micro_batches:
        loss = loss_fn(model(x), y)
        loss.backward()
        total += loss.item() * y.shape[0]
    return total / N
