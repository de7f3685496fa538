# 正确: 外部测试者只看学生版 notebook 写的实现 (写法 a)
def get_pair_counts(seqs, weights=None):
    """数相邻词元对的 (加权) 次数。"""
    counts = {}
    for i, seq in enumerate(seqs):
        w = 1 if weights is None else weights[i]
        for a, b in zip(seq, seq[1:]):
            counts[(a, b)] = counts.get((a, b), 0) + w
    return counts
