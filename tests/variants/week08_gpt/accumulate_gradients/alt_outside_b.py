import torch


def accumulate_gradients(model, loss_fn, micro_batches):
    """Gradient accumulation weighted by micro-batch size; returns the big-batch mean loss."""
    micro_batches = list(micro_batches)
    sizes = [int(y.shape[0]) for _, y in micro_batches]
    N = sum(sizes)
    # explicit zeroing (tensors of zeros instead of None)
    for p in model.parameters():
        if p.grad is not None:
            p.grad.detach_()
            p.grad.zero_()
    weighted = []
    for (x, y), n in zip(micro_batches, sizes):
        out = model(x)
        part = loss_fn(out, y) * n / N
        part.backward()
        weighted.append(part.detach())
    return float(torch.stack(weighted).sum())
