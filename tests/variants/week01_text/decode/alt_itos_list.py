def decode(ids, vocab):
    """先按编号建一个列表 itos, 再按下标取。"""
    itos = [None] * len(vocab)
    for tok, i in vocab.items():
        itos[i] = tok
    return [itos[i] for i in ids]
