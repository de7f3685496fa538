# bug[error-path]: 不检查 num_merges, 负数时 range 为空, 默默返回 []
from collections import Counter

from course.tokenizer import pretokenize


def train_bpe(lines, num_merges):
    chunk_counts = Counter(c for line in lines for c in pretokenize(line))
    chunks = sorted(chunk_counts)
    seqs = [list(c.encode("utf-8")) for c in chunks]
    weights = [chunk_counts[c] for c in chunks]
    merges = []
    for k in range(num_merges):
        counts = get_pair_counts(seqs, weights)
        if not counts:
            break
        best = min(counts, key=lambda p: (-counts[p], p))
        seqs = [merge(s, best, 256 + k) for s in seqs]
        merges.append(best)
    return merges
