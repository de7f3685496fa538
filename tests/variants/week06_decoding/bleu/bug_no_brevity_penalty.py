# bug[wrong-math]: 没有乘简短惩罚
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
    return math.exp(log_p)
