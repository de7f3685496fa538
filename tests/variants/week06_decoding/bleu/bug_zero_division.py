# bug[edge-shape]: 先算精确率再判断是否为 0, 候选比 n 短 (没有 n-gram) 时 0 / 0 抛 ZeroDivisionError
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
        p_n = sum((cand & limit).values()) / sum(cand.values())
        if p_n == 0:
            return 0.0
        log_p += math.log(p_n) / max_n
    r = min((abs(len(ref) - c), len(ref)) for ref in references)[1]
    return (1.0 if c > r else math.exp(1 - r / c)) * math.exp(log_p)
