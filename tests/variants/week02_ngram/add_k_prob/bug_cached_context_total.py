# bug[stale-state]: 把 c(h) 缓存在全局字典里 (键只有历史 h): 换了一份计数 (另一个语料) 还用旧的 c(h)
_context_total = {}


def add_k_prob(counts_n, counts_context, ngram, k, V):
    ngram = tuple(ngram)
    h = ngram[:-1]
    if h not in _context_total:
        _context_total[h] = counts_context.get(h, 0)
    return (counts_n.get(ngram, 0) + k) / (_context_total[h] + k * V)
