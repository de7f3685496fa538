# bug[non-default-arg]: 忽略参数 unk, 总是查 vocab["<unk>"]
def encode(tokens, vocab, unk="<unk>"):
    return [vocab[tok] if tok in vocab else vocab["<unk>"] for tok in tokens]
