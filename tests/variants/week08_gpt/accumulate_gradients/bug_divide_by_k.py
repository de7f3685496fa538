# bug[wrong-math]: 每个小批次的损失除以小批次的个数 K, 小批次大小不同时权重不对


def accumulate_gradients(model, loss_fn, micro_batches):
    model.zero_grad()
    K = len(micro_batches)
    total = 0.0
    for x, y in micro_batches:
        loss = loss_fn(model(x), y) / K
        loss.backward()
        total += loss.item()
    return total
