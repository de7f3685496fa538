# bug[stale-state]: 为了快, 把 <unk> 的编号缓存在全局变量里只查一次: 换了词表 (或换了 unk) 还用旧编号
_UNK_ID = None


def encode(tokens, vocab, unk="<unk>"):
    global _UNK_ID
    if _UNK_ID is None:
        _UNK_ID = vocab[unk]
    return [vocab.get(tok, _UNK_ID) for tok in tokens]
