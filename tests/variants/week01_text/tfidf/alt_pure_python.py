import math
from collections import Counter

import numpy as np


def tfidf(docs):
    """纯 Python 循环 + math.log, 最后才转成 numpy 数组。"""
    vocab = sorted(set(tok for doc in docs for tok in doc))
    n = len(docs)
    df = Counter(tok for doc in docs for tok in set(doc))
    idf = {tok: math.log((1 + n) / (1 + df[tok])) + 1 for tok in vocab}
    rows = []
    for doc in docs:
        counts = Counter(doc)
        row = [counts[tok] * idf[tok] for tok in vocab]
        norm = math.sqrt(sum(v * v for v in row))
        rows.append([v / norm for v in row] if norm > 0 else [0.0] * len(vocab))
    return np.array(rows, dtype=float).reshape(n, len(vocab))
