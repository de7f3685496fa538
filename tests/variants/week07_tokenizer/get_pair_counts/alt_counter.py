# 正确: 用 collections.Counter, 先把 weights 补成全 1
from collections import Counter


def get_pair_counts(seqs, weights=None):
    if weights is None:
        weights = [1] * len(seqs)
    total = Counter()
    for seq, w in zip(seqs, weights):
        for a, b in zip(seq[:-1], seq[1:]):
            total[(a, b)] += w
    return dict(total)
