# bug[stale-state]: 计数器放在函数外面 (模块级的 Counter), 每次调用都接着上一次的次数往上加
from collections import Counter

_counts = Counter()


def count_ngrams(sentences, n):
    for sentence in sentences:
        padded = ["<s>"] * (n - 1) + list(sentence) + ["</s>"]
        _counts.update(zip(*(padded[i:] for i in range(n))))
    return Counter({g: c for g, c in _counts.items() if len(g) == n})
