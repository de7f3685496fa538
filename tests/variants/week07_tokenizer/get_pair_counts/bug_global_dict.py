# bug[stale-state]: 结果放在模块级的字典里, 每次调用先清空再返回同一个字典; 上一次返回的结果被下一次调用改掉
COUNTS = {}


def get_pair_counts(seqs, weights=None):
    COUNTS.clear()
    for k, seq in enumerate(seqs):
        w = 1 if weights is None else weights[k]
        for pair in zip(seq, seq[1:]):
            COUNTS[pair] = COUNTS.get(pair, 0) + w
    return COUNTS
