# bug[wrong-math]: 返回值按第一个小批次的大小算 (total / (n_1 · K)), 只有各小批次一样大时才碰巧对


def accumulate_gradients(model, loss_fn, micro_batches):
    model.zero_grad()
    N = sum(y.shape[0] for _, y in micro_batches)
    total = 0.0
    for x, y in micro_batches:
        loss = loss_fn(model(x), y)
        (loss * y.shape[0] / N).backward()
        total += loss.item() * y.shape[0]
    return total / (micro_batches[0][1].shape[0] * len(micro_batches))
