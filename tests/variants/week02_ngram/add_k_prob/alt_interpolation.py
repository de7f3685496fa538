# 正确: 加 k 平滑 = λ_h * MLE + (1 - λ_h) * 均匀分布, λ_h = c(h) / (c(h) + kV)
def add_k_prob(counts_n, counts_context, ngram, k, V):
    ngram = tuple(ngram)
    c_h = counts_context.get(ngram[:-1], 0)
    lam = c_h / (c_h + k * V)
    mle = counts_n.get(ngram, 0) / c_h if c_h > 0 else 0.0
    return lam * mle + (1.0 - lam) / V
