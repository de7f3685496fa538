# 正确: 用 try/except 处理缺失的键, 先算分子
def ngram_prob(counts_n, counts_context, ngram):
    key = tuple(ngram)
    try:
        numerator = counts_n[key]
    except KeyError:
        numerator = 0
    try:
        denominator = counts_context[key[:-1]]
    except KeyError:
        denominator = 0
    return float(numerator) / denominator if denominator > 0 else 0.0
