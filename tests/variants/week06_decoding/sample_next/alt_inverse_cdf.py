# 正确: 逆 CDF 采样: 一个均匀随机数, 数一数累积概率小于它的词元个数
import torch


def sample_next(logits, generator):
    probs = torch.softmax(logits.double(), dim=-1)
    cdf = torch.cumsum(probs, dim=-1)
    u = torch.rand(logits.shape[:-1] + (1,), generator=generator, dtype=torch.float64) * cdf[..., -1:]
    idx = (cdf <= u).sum(-1)
    # 跳过概率为 0 的词元 (落在 cdf 的平台上时)
    idx = torch.minimum(idx, torch.full_like(idx, logits.shape[-1] - 1))
    while True:
        bad = torch.gather(probs, -1, idx[..., None])[..., 0] == 0
        if not bad.any():
            return idx
        idx = torch.where(bad, idx + 1, idx)
