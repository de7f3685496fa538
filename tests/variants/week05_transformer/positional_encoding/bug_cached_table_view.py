# bug[aliasing]: 每个 d 只算一次 5000 个位置的表并缓存, 返回表的切片 (视图): 调用者原地改了结果, 缓存的表也被改坏了
import torch

_tables = {}


def positional_encoding(T, d):
    if d not in _tables or _tables[d].shape[0] < T:
        n = max(T, 5000)
        pos = torch.arange(n, dtype=torch.float64)[:, None]
        angles = pos / 10000 ** (torch.arange(0, d, 2, dtype=torch.float64) / d)
        pe = torch.zeros(n, d, dtype=torch.float64)
        pe[:, 0::2] = torch.sin(angles)
        pe[:, 1::2] = torch.cos(angles)
        _tables[d] = pe.float()
    return _tables[d][:T]
