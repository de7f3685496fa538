# bug[wrong-math]: 分母加的是 V 而不是 k*V (只在 k = 1 时碰巧正确)
def add_k_prob(counts_n, counts_context, ngram, k, V):
    ngram = tuple(ngram)
    return (counts_n.get(ngram, 0) + k) / (counts_context.get(ngram[:-1], 0) + V)
