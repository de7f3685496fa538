# bug[non-default-arg]: 阶数写死成 4 (range(1, 5)), 忽略了传进来的 max_n
import math
from collections import Counter


def bleu(candidate, references, max_n=4):
    c = len(candidate)
    if c == 0:
        return 0.0
    log_p = 0.0
    for n in range(1, 5):
        cand = Counter(tuple(candidate[i:i + n]) for i in range(c - n + 1))
        limit = Counter()
        for ref in references:
            limit |= Counter(tuple(ref[i:i + n]) for i in range(len(ref) - n + 1))
        hits = sum((cand & limit).values())
        if hits == 0:
            return 0.0
        log_p += math.log(hits / sum(cand.values())) / 4
    r = min((abs(len(ref) - c), len(ref)) for ref in references)[1]
    return (1.0 if c > r else math.exp(1 - r / c)) * math.exp(log_p)
