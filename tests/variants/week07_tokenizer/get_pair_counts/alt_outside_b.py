# 正确: 外部测试者只看学生版 notebook 写的实现 (写法 b)
from collections import Counter


def get_pair_counts(seqs, weights=None):
    """数相邻词元对的 (加权) 次数。"""
    if weights is None:
        weights = [1] * len(seqs)
    if len(weights) != len(seqs):
        raise ValueError("weights must have the same length as seqs")
    total = Counter()
    for seq, w in zip(seqs, weights):
        local = Counter((seq[j], seq[j + 1]) for j in range(len(seq) - 1))
        for pair, n in local.items():
            total[pair] += n * w
    return {pair: n for pair, n in total.items() if n != 0}  # 权重为 0 的序列不算“出现过”
