import numpy as np


def lr_schedule(step, max_lr, warmup_steps, total_steps, min_lr=0.0):
    """Linear warmup then cosine annealing to min_lr; min_lr from total_steps on."""
    W, S, s = warmup_steps, total_steps, step
    if s < 0 or W < 0 or W >= S:
        raise ValueError(f"invalid schedule: step={s}, warmup_steps={W}, total_steps={S}")
    if s < W:
        factor = (s + 1) / W
        return float(factor * max_lr)
    if s < S:
        frac = (s - W) / (S - W)
        return float((max_lr - min_lr) * (np.cos(np.pi * frac) + 1) / 2 + min_lr)
    return float(min_lr)
