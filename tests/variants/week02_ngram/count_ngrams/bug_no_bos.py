# bug[wrong-math]: 句首没有补 <s>
from collections import Counter


def count_ngrams(sentences, n):
    counts = Counter()
    for sentence in sentences:
        padded = list(sentence) + ["</s>"]
        counts.update(zip(*(padded[i:] for i in range(n))))
    return counts
