# bug[stale-state]: 开始前没有清零梯度, 上一步留在 .grad 里的梯度也累加了进来


def accumulate_gradients(model, loss_fn, micro_batches):
    N = sum(y.shape[0] for _, y in micro_batches)
    total = 0.0
    for x, y in micro_batches:
        loss = loss_fn(model(x), y)
        (loss * y.shape[0] / N).backward()
        total += loss.item() * y.shape[0]
    return total / N
