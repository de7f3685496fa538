# bug[long-input]: 超过 total_steps 之后还按余弦公式算, 学习率又升回去了 (训练步数比计划多时出错)
import math


def lr_schedule(step, max_lr, warmup_steps, total_steps, min_lr=0.0):
    if step < 0 or not 0 <= warmup_steps < total_steps:
        raise ValueError("bad arguments")
    if step < warmup_steps:
        return max_lr * (step + 1) / warmup_steps
    progress = (step - warmup_steps) / (total_steps - warmup_steps)
    return min_lr + 0.5 * (max_lr - min_lr) * (1 + math.cos(math.pi * progress))
