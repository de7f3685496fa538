# 正确: 换成以 2 为底: 先求每词元的平均比特数 (交叉熵), 困惑度 = 2 ** 交叉熵
import numpy as np


def perplexity(sentences, logprob_fn):
    logs = np.array([logprob_fn(s) for s in sentences], dtype=float)
    lengths = np.array([len(s) + 1 for s in sentences], dtype=float)
    bits_per_token = -logs.sum() / np.log(2) / lengths.sum()
    return float(2.0 ** bits_per_token)
