# bug[order-dependence]: 块放进 set 里去重, 并列时按排序的稳定性取 "先出现的" —— 先后取决于 set 的迭代顺序 (字符串哈希)
from course.tokenizer import pretokenize


def train_bpe(lines, num_merges):
    if num_merges < 0:
        raise ValueError("num_merges < 0")
    all_chunks = [c for line in lines for c in pretokenize(line)]
    unique = list(set(all_chunks))
    seqs = [list(c.encode("utf-8")) for c in unique]
    weights = [all_chunks.count(c) for c in unique]
    merges = []
    for k in range(num_merges):
        counts = get_pair_counts(seqs, weights)
        if not counts:
            break
        best = sorted(counts, key=lambda p: -counts[p])[0]
        seqs = [merge(s, best, 256 + k) for s in seqs]
        merges.append(best)
    return merges
