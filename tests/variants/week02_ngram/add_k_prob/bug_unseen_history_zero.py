# bug[edge-shape]: 照搬练习 2.2 的约定, 历史没见过 (c(h) = 0) 时返回 0.0: 加 k 平滑下应是均匀分布 1/|V|
def add_k_prob(counts_n, counts_context, ngram, k, V):
    ngram = tuple(ngram)
    c_h = counts_context.get(ngram[:-1], 0)
    if c_h == 0:
        return 0.0
    return (counts_n.get(ngram, 0) + k) / (c_h + k * V)
