# 正确: 两重 Python 循环, 用 math.sin / math.cos 逐个元素算
import math

import torch


def positional_encoding(T, d):
    rows = []
    for t in range(T):
        row = []
        for i in range(d // 2):
            angle = t / 10000 ** (2 * i / d)
            row += [math.sin(angle), math.cos(angle)]
        rows.append(row)
    return torch.tensor(rows, dtype=torch.float32).reshape(T, d)
