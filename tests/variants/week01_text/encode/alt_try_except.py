def encode(tokens, vocab, unk="<unk>"):
    """逐个查表, 查不到 (KeyError) 时用 <unk> 的编号。"""
    ids = []
    for tok in tokens:
        try:
            ids.append(vocab[tok])
        except KeyError:
            ids.append(vocab[unk])
    return ids
