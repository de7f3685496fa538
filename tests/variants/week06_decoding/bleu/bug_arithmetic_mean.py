# bug[wrong-math]: 对各阶精确率取算术平均, 而不是几何平均
import math
from collections import Counter


def bleu(candidate, references, max_n=4):
    c = len(candidate)
    if c == 0:
        return 0.0
    ps = []
    for n in range(1, max_n + 1):
        cand = Counter(tuple(candidate[i:i + n]) for i in range(c - n + 1))
        limit = Counter()
        for ref in references:
            limit |= Counter(tuple(ref[i:i + n]) for i in range(len(ref) - n + 1))
        hits = sum((cand & limit).values())
        if hits == 0:
            return 0.0
        ps.append(hits / sum(cand.values()))
    r = min((abs(len(ref) - c), len(ref)) for ref in references)[1]
    return (1.0 if c > r else math.exp(1 - r / c)) * sum(ps) / max_n
