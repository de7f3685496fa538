# bug[mutation]: 把反向映射 {编号: 词元} 也塞进了同一个词表字典: 调用者的词表多出了一批整数键
def decode(ids, vocab):
    for tok, i in list(vocab.items()):
        vocab[i] = tok
    return [vocab[int(i)] for i in ids]
