# bug[wrong-math]: max(counts, key=counts.get) 在并列时取最先数到的一对, 不是 (a, b) 最小的一对
from collections import Counter

from course.tokenizer import pretokenize


def train_bpe(lines, num_merges):
    if num_merges < 0:
        raise ValueError("num_merges < 0")
    chunk_counts = Counter(c for line in lines for c in pretokenize(line))
    seqs = [list(c.encode("utf-8")) for c in chunk_counts]
    weights = list(chunk_counts.values())
    merges = []
    for k in range(num_merges):
        counts = get_pair_counts(seqs, weights)
        if not counts:
            break
        best = max(counts, key=counts.get)
        seqs = [merge(s, best, 256 + k) for s in seqs]
        merges.append(best)
    return merges
