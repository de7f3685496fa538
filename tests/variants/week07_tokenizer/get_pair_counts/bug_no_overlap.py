# bug[wrong-math]: 数到一对就跳过两个位置 (像 merge 那样不重叠地数), [1, 1, 1] 里 (1, 1) 只算 1 次
def get_pair_counts(seqs, weights=None):
    counts = {}
    for k, seq in enumerate(seqs):
        w = 1 if weights is None else weights[k]
        i = 0
        while i + 1 < len(seq):
            pair = (seq[i], seq[i + 1])
            counts[pair] = counts.get(pair, 0) + w
            i += 2 if seq[i] == seq[i + 1] else 1
    return counts
