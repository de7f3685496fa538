# 正确: 显式循环 + Counter, 不同 n-gram 个数就是 Counter 的键数
from collections import Counter


def distinct_n(sentences, n):
    counts = Counter()
    for s in sentences:
        s = list(s)
        for i in range(len(s) - n + 1):
            counts[tuple(s[i:i + n])] += 1
    total = sum(counts.values())
    return len(counts) / total if total else 0.0
