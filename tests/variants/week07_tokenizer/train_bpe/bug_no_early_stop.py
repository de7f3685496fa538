# bug[edge-shape]: 没有可合并的对时不停下, min() 遇到空字典抛出 ValueError (短文本、num_merges 很大时)
from collections import Counter

from course.tokenizer import pretokenize


def train_bpe(lines, num_merges):
    if num_merges < 0:
        raise ValueError("num_merges < 0")
    chunk_counts = Counter(c for line in lines for c in pretokenize(line))
    chunks = sorted(chunk_counts)
    seqs = [list(c.encode("utf-8")) for c in chunks]
    weights = [chunk_counts[c] for c in chunks]
    merges = []
    for k in range(num_merges):
        counts = get_pair_counts(seqs, weights)
        best = min(counts, key=lambda p: (-counts[p], p))
        seqs = [merge(s, best, 256 + k) for s in seqs]
        merges.append(best)
    return merges
