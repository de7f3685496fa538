# 正确: Counter 的 | 取各参考计数的最大值, & 做截断; 用 numpy 的 log (对 0 会发出 RuntimeWarning) 后再判断
import math
from collections import Counter

import numpy as np


def bleu(candidate, references, max_n=4):
    if not candidate:
        return 0.0
    logs = []
    for n in range(1, max_n + 1):
        grams = lambda toks: Counter(zip(*(toks[i:] for i in range(n))))
        cand = grams(list(candidate))
        limit = Counter()
        for ref in references:
            limit |= grams(list(ref))
        hits = sum((cand & limit).values())
        logs.append(float(np.log(hits / max(sum(cand.values()), 1))))  # hits = 0 时 log(0) = -inf 并警告
    if any(math.isinf(x) for x in logs):
        return 0.0
    c = len(candidate)
    r = sorted((len(ref) for ref in references), key=lambda L: (abs(L - c), L))[0]
    bp = 1.0 if c > r else math.exp(1 - r / c)
    return bp * math.exp(sum(logs) / max_n)
