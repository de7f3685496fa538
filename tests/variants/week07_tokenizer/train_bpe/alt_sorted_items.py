# 正确: 按字节串数块, 每步取 (-次数, 对) 最小的; 自己数对, 不用 get_pair_counts
from collections import Counter

from course.tokenizer import pretokenize


def train_bpe(lines, num_merges):
    if num_merges < 0:
        raise ValueError("num_merges < 0")
    chunks = Counter(tuple(c.encode("utf-8")) for line in lines for c in pretokenize(line))
    words = [(list(seq), n) for seq, n in chunks.items()]
    merges = []
    while len(merges) < num_merges:
        counts = Counter()
        for seq, n in words:
            for i in range(len(seq) - 1):
                counts[seq[i], seq[i + 1]] += n
        if not counts:
            break
        best = min((-c, p) for p, c in counts.items())[1]  # 次数最多, 并列时对最小
        new_id = 256 + len(merges)
        words = [(merge(seq, best, new_id), n) for seq, n in words]
        merges.append(best)
    return merges
