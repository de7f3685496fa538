# bug[edge-shape]: 没处理历史没见过 (c(h) = 0) 的情况, 抛 ZeroDivisionError
def ngram_prob(counts_n, counts_context, ngram):
    ngram = tuple(ngram)
    return counts_n.get(ngram, 0) / counts_context.get(ngram[:-1], 0)
