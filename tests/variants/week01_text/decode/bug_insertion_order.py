# bug[order-dependence]: 假设字典的插入顺序就是编号顺序, 用 list(vocab)[i] 取词元
def decode(ids, vocab):
    itos = list(vocab)
    return [itos[i] for i in ids]
