# bug[wrong-math]: 分母用了所有 n-gram 的总次数, 而不是历史的次数 c(h)
def ngram_prob(counts_n, counts_context, ngram):
    total = sum(counts_n.values())
    if total == 0:
        return 0.0
    return counts_n.get(tuple(ngram), 0) / total
