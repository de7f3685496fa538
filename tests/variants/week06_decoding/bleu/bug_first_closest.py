# bug[order-dependence]: min(references, key=距离) 在一样接近时取排在前面的参考, 结果取决于参考的顺序 (应取较短的)
import math
from collections import Counter


def bleu(candidate, references, max_n=4):
    c = len(candidate)
    if c == 0:
        return 0.0
    log_p = 0.0
    for n in range(1, max_n + 1):
        cand = Counter(tuple(candidate[i:i + n]) for i in range(c - n + 1))
        limit = Counter()
        for ref in references:
            limit |= Counter(tuple(ref[i:i + n]) for i in range(len(ref) - n + 1))
        hits = sum((cand & limit).values())
        if hits == 0:
            return 0.0
        log_p += math.log(hits / sum(cand.values())) / max_n
    r = len(min(references, key=lambda ref: abs(len(ref) - c)))
    return (1.0 if c > r else math.exp(1 - r / c)) * math.exp(log_p)
