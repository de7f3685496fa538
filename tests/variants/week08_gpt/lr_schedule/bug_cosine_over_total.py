# bug[wrong-math]: 余弦的进度用 step / total_steps, 没有减去预热的步数 (余弦段不从峰值开始, 也不在 S 处到 min_lr)
import math


def lr_schedule(step, max_lr, warmup_steps, total_steps, min_lr=0.0):
    if step < 0 or not 0 <= warmup_steps < total_steps:
        raise ValueError("bad arguments")
    if step < warmup_steps:
        return max_lr * (step + 1) / warmup_steps
    if step >= total_steps:
        return min_lr
    return min_lr + 0.5 * (max_lr - min_lr) * (1 + math.cos(math.pi * step / total_steps))
