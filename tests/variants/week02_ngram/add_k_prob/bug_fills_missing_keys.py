# bug[mutation]: 用 counts.setdefault(键, 0) 取计数: 结果对, 但每查一个没见过的 n-gram 就往调用者的字典里写一个 0
def add_k_prob(counts_n, counts_context, ngram, k, V):
    ngram = tuple(ngram)
    c_hw = counts_n.setdefault(ngram, 0)
    c_h = counts_context.setdefault(ngram[:-1], 0)
    return (c_hw + k) / (c_h + k * V)
