# bug[wrong-math]: 把 n-gram 的后 n-1 个词元当成了历史
def ngram_prob(counts_n, counts_context, ngram):
    ngram = tuple(ngram)
    c_h = counts_context.get(ngram[1:], 0)
    if c_h == 0:
        return 0.0
    return counts_n.get(ngram, 0) / c_h
