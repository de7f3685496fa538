# 正确: numpy 稳定排序 (-x 升序 = x 降序, 并列保持原顺序), 逐行处理
import numpy as np
import torch


def top_k_filter(logits, k):
    x = logits.detach().cpu().numpy()
    flat = x.reshape(-1, x.shape[-1])
    keep = np.zeros(flat.shape, dtype=bool)
    for r, row in enumerate(flat):
        keep[r, np.argsort(-row, kind="stable")[:k]] = True
    mask = torch.from_numpy(keep.reshape(x.shape)).to(logits.device)
    return torch.where(mask, logits, torch.full_like(logits, float("-inf")))
