# bug[mutation]: 为了不抛 KeyError, 先把缺的键补成 0 写进调用者的字典里: 结果对, 但计数表被改了 (多出一堆 0)
def ngram_prob(counts_n, counts_context, ngram):
    ngram = tuple(ngram)
    if ngram not in counts_n:
        counts_n[ngram] = 0
    if ngram[:-1] not in counts_context:
        counts_context[ngram[:-1]] = 0
    c_h = counts_context[ngram[:-1]]
    if c_h == 0:
        return 0.0
    return counts_n[ngram] / c_h
