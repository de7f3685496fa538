# bug[wrong-math]: 不管 n 是多少都只补一个 <s> (三元模型少了 (<s>, <s>, w1))
from collections import Counter


def count_ngrams(sentences, n):
    counts = Counter()
    for sentence in sentences:
        padded = ["<s>"] + list(sentence) + ["</s>"]
        counts.update(zip(*(padded[i:] for i in range(n))))
    return counts
