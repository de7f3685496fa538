# bug[wrong-math]: 以为 V 不含 </s>, 又自己加了 1
def add_k_prob(counts_n, counts_context, ngram, k, V):
    ngram = tuple(ngram)
    return (counts_n.get(ngram, 0) + k) / (counts_context.get(ngram[:-1], 0) + k * (V + 1))
