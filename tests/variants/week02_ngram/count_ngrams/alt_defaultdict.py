# 正确: 返回 defaultdict(int) (文字允许返回 dict), 用 range 取窗口
from collections import defaultdict


def count_ngrams(sentences, n):
    counts = defaultdict(int)
    for sentence in sentences:
        padded = ["<s>"] * (n - 1) + list(sentence) + ["</s>"]
        for i in range(len(padded) - n + 1):
            counts[tuple(padded[i:i + n])] += 1
    return counts
