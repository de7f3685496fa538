# bug[wrong-math]: 用 sorted(vocab) (按词元的字符串排序) 当作编号到词元的表
def decode(ids, vocab):
    itos = sorted(vocab)
    return [itos[i] for i in ids]
