# bug[wrong-math]: 词表外的词元编码成 len(vocab) (一个不存在的新编号), 而不是 <unk> 的编号
def encode(tokens, vocab, unk="<unk>"):
    return [vocab.get(tok, len(vocab)) for tok in tokens]
