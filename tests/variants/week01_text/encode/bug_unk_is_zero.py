# bug[wrong-math]: <unk> 的编号写死成 0 (其实 0 往往是 <pad>), 而不是 vocab[unk]
def encode(tokens, vocab, unk="<unk>"):
    return [vocab.get(tok, 0) for tok in tokens]
