# bug[wrong-math]: 忘了在句末补 </s>
from collections import Counter


def count_ngrams(sentences, n):
    counts = Counter()
    for sentence in sentences:
        padded = ["<s>"] * (n - 1) + list(sentence)
        counts.update(zip(*(padded[i:] for i in range(n))))
    return counts
