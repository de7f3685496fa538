# 正确: 纯 Python, 逐个算余弦, 用 heapq.nsmallest 按 (-相似度, 词号) 取前 topn
import heapq
import math


def most_similar(E, vocab, word, topn=10):
    rows = [[float(v) for v in row] for row in E]
    q = list(vocab).index(word)
    nq = math.sqrt(sum(v * v for v in rows[q]))
    scored = []
    for i, row in enumerate(rows):
        if i != q:
            sim = sum(a * b for a, b in zip(row, rows[q])) / (math.sqrt(sum(v * v for v in row)) * nq)
            scored.append((-sim, i))
    return [(vocab[i], -neg) for neg, i in heapq.nsmallest(topn, scored)]
