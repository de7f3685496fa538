# bug[edge-shape]: 第 0 步总按预热公式算 max_lr * 1 / warmup_steps; warmup_steps = 0 时除以 0
import math


def lr_schedule(step, max_lr, warmup_steps, total_steps, min_lr=0.0):
    if step < 0 or not 0 <= warmup_steps < total_steps:
        raise ValueError("bad arguments")
    if step <= warmup_steps - 1 or step == 0:
        return max_lr * (step + 1) / warmup_steps
    if step >= total_steps:
        return min_lr
    progress = (step - warmup_steps) / (total_steps - warmup_steps)
    return min_lr + 0.5 * (max_lr - min_lr) * (1 + math.cos(math.pi * progress))
