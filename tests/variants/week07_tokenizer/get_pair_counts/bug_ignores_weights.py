# bug[non-default-arg]: 忘了 weights, 每一对总是算 1 次
def get_pair_counts(seqs, weights=None):
    counts = {}
    for seq in seqs:
        for pair in zip(seq, seq[1:]):
            counts[pair] = counts.get(pair, 0) + 1
    return counts
