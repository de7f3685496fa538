# bug[mutation]: 把 dict.setdefault 当成带默认值的 get: 每个词表外的词元都被写进了调用者的词表
def encode(tokens, vocab, unk="<unk>"):
    unk_id = vocab[unk]
    return [vocab.setdefault(tok, unk_id) for tok in tokens]
