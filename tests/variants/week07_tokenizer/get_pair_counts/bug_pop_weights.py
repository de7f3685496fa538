# bug[mutation]: 用 weights.pop(0) 依次取出权重, 调用者的 weights 被清空了
def get_pair_counts(seqs, weights=None):
    counts = {}
    for seq in seqs:
        w = 1 if weights is None else weights.pop(0)
        for pair in zip(seq, seq[1:]):
            counts[pair] = counts.get(pair, 0) + w
    return counts
