# bug[wrong-math]: 没有截断: 候选里的每个 n-gram 只要在参考里出现过就全部算对
import math
from collections import Counter


def bleu(candidate, references, max_n=4):
    c = len(candidate)
    if c == 0:
        return 0.0
    log_p = 0.0
    for n in range(1, max_n + 1):
        cand = [tuple(candidate[i:i + n]) for i in range(c - n + 1)]
        seen = {tuple(ref[i:i + n]) for ref in references for i in range(len(ref) - n + 1)}
        hits = sum(g in seen for g in cand)
        if hits == 0:
            return 0.0
        log_p += math.log(hits / len(cand)) / max_n
    r = min((abs(len(ref) - c), len(ref)) for ref in references)[1]
    return (1.0 if c > r else math.exp(1 - r / c)) * math.exp(log_p)
