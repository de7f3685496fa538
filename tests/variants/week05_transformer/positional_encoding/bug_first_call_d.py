# bug[stale-state]: 第一次调用时按当时的 d 建好 5000 个位置的表, 以后不管 d 是多少都从这张旧表里切
import torch

_table = None


def positional_encoding(T, d):
    global _table
    if _table is None:
        pos = torch.arange(5000, dtype=torch.float64)[:, None]
        angles = pos / 10000 ** (torch.arange(0, d, 2, dtype=torch.float64) / d)
        pe = torch.zeros(5000, d, dtype=torch.float64)
        pe[:, 0::2] = torch.sin(angles)
        pe[:, 1::2] = torch.cos(angles)
        _table = pe.float()
    return _table[:T].clone()
