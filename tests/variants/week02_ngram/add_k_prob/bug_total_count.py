# bug[wrong-math]: 分母用了所有 n-gram 的总次数, 而不是历史的次数 c(h)
def add_k_prob(counts_n, counts_context, ngram, k, V):
    total = sum(counts_n.values())
    return (counts_n.get(tuple(ngram), 0) + k) / (total + k * V)
