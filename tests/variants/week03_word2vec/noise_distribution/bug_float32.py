# bug[long-input]: 用 PyTorch 默认的 float32 计算, 相对误差约 1e-7, 词表大、频数悬殊时远超 1e-9 的容差
import torch


def noise_distribution(counts, power=0.75):
    w = torch.tensor(counts, dtype=torch.float32) ** power
    return (w / w.sum()).numpy()
