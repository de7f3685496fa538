# bug[wrong-math]: 没有预分词, 整行当作一个块, 合并会跨过标点和文字的边界
from collections import Counter


def train_bpe(lines, num_merges):
    if num_merges < 0:
        raise ValueError("num_merges < 0")
    line_counts = Counter(lines)
    lines_sorted = sorted(line_counts)
    seqs = [list(line.encode("utf-8")) for line in lines_sorted]
    weights = [line_counts[line] for line in lines_sorted]
    merges = []
    for k in range(num_merges):
        counts = get_pair_counts(seqs, weights)
        if not counts:
            break
        best = min(counts, key=lambda p: (-counts[p], p))
        seqs = [merge(s, best, 256 + k) for s in seqs]
        merges.append(best)
    return merges
