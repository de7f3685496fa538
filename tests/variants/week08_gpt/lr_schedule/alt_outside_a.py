import math


def lr_schedule(step, max_lr, warmup_steps, total_steps, min_lr=0.0):
    """线性预热 + 余弦退火: 第 step 步 (从 0 数) 的学习率 (float)。"""
    if step < 0:
        raise ValueError("step must be >= 0")
    if not (0 <= warmup_steps < total_steps):
        raise ValueError("need 0 <= warmup_steps < total_steps")
    if step >= total_steps:
        return float(min_lr)
    if step < warmup_steps:
        return float(max_lr * (step + 1) / warmup_steps)
    progress = (step - warmup_steps) / (total_steps - warmup_steps)
    return float(min_lr + 0.5 * (max_lr - min_lr) * (1 + math.cos(math.pi * progress)))
