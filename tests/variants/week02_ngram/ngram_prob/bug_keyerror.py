# bug[edge-shape]: 用 [] 取计数, 普通 dict 里没出现的 n-gram 抛 KeyError
def ngram_prob(counts_n, counts_context, ngram):
    ngram = tuple(ngram)
    c_h = counts_context[ngram[:-1]] if ngram[:-1] in counts_context else 0
    if c_h == 0:
        return 0.0
    return counts_n[ngram] / c_h
