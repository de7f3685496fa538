# bug[wrong-math]: 每次合并块里出现次数最多的 (在合并规则里的) 对, 而不是秩最小的对
from collections import Counter

from course.tokenizer import pretokenize


def bpe_encode(text, merges):
    ranks = {tuple(p): 256 + k for k, p in enumerate(merges)}
    out = []
    for chunk in pretokenize(text):
        ids = list(chunk.encode("utf-8"))
        while True:
            counts = Counter(p for p in zip(ids, ids[1:]) if p in ranks)
            if not counts:
                break
            pair = max(counts, key=counts.get)
            ids = merge(ids, pair, ranks[pair])
        out.extend(ids)
    return out
