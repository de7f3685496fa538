# bug[wrong-math]: 只在分子上加 k, 分母忘了加 kV
def add_k_prob(counts_n, counts_context, ngram, k, V):
    ngram = tuple(ngram)
    c_h = counts_context.get(ngram[:-1], 0)
    return (counts_n.get(ngram, 0) + k) / max(c_h, 1)
