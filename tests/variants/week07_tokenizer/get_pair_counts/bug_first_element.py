# bug[edge-shape]: 用 seq[0] 作为 "前一个", 遇到空序列就 IndexError
def get_pair_counts(seqs, weights=None):
    counts = {}
    for k, seq in enumerate(seqs):
        w = 1 if weights is None else weights[k]
        prev = seq[0]
        for t in seq[1:]:
            counts[(prev, t)] = counts.get((prev, t), 0) + w
            prev = t
    return counts
