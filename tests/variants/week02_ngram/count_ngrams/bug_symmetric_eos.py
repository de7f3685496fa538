# bug[wrong-math]: 句末也补了 n-1 个 </s> (对称补齐), 多数了跨过 </s> 的 n-gram
from collections import Counter


def count_ngrams(sentences, n):
    counts = Counter()
    for sentence in sentences:
        padded = ["<s>"] * (n - 1) + list(sentence) + ["</s>"] * max(n - 1, 1)
        counts.update(zip(*(padded[i:] for i in range(n))))
    return counts
