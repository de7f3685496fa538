# 正确: 外部测试者只看学生版 notebook 写的实现 (写法 a)
from collections import Counter

from course.tokenizer import pretokenize


def train_bpe(lines, num_merges):
    """在若干行文本上训练字节级 BPE, 返回合并规则 (第 k 条产生 id 256 + k)。"""
    if num_merges < 0:
        raise ValueError(f"num_merges must be >= 0, got {num_merges}")
    chunk_counts = Counter()
    for line in lines:
        chunk_counts.update(pretokenize(line))
    chunks = sorted(chunk_counts)
    seqs = [list(c.encode("utf-8")) for c in chunks]
    weights = [chunk_counts[c] for c in chunks]
    merges = []
    for k in range(num_merges):
        counts = get_pair_counts(seqs, weights)
        if not counts:
            break
        best = min(counts, key=lambda p: (-counts[p], p))
        new_id = 256 + k
        seqs = [merge(s, best, new_id) for s in seqs]
        merges.append(best)
    return merges
