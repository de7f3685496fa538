# bug[wrong-math]: 直接丢掉词表外的词元, 编码结果变短
def encode(tokens, vocab, unk="<unk>"):
    return [vocab[tok] for tok in tokens if tok in vocab]
