def build_vocab(corpus, min_freq=1, specials=("<pad>", "<unk>")):
    """手写计数; 先按字符串排序, 再按次数降序做一次稳定排序, 同次数的词就保持字符串顺序。"""
    counts = {}
    for sentence in corpus:
        for tok in sentence:
            counts[tok] = counts.get(tok, 0) + 1
    kept = sorted(tok for tok, c in counts.items() if c >= min_freq)
    kept.sort(key=lambda tok: counts[tok], reverse=True)  # sort 是稳定的
    itos = []
    for tok in list(specials) + kept:
        if tok not in itos:
            itos.append(tok)
    return {tok: i for i, tok in enumerate(itos)}
