# 正确: 先算余弦段的进度 (截到 [0, 1]), 用 cos² 的等价式 (1 + cos πp) / 2 = cos²(πp / 2)
import math


def lr_schedule(step, max_lr, warmup_steps, total_steps, min_lr=0.0):
    if step < 0 or warmup_steps < 0 or warmup_steps >= total_steps:
        raise ValueError("bad schedule arguments")
    if warmup_steps > 0 and step < warmup_steps:
        return float(max_lr) * float(step + 1) / float(warmup_steps)
    p = min(1.0, (step - warmup_steps) / (total_steps - warmup_steps))
    return min_lr + (max_lr - min_lr) * math.cos(math.pi * p / 2) ** 2
