# bug[edge-shape]: 跳过了空句子 (if not sentence: continue): 空句子也要贡献 (<s>, …, </s>) 这一个 n-gram
from collections import Counter


def count_ngrams(sentences, n):
    counts = Counter()
    for sentence in sentences:
        if not sentence:
            continue
        padded = ["<s>"] * (n - 1) + list(sentence) + ["</s>"]
        counts.update(zip(*(padded[i:] for i in range(n))))
    return counts
