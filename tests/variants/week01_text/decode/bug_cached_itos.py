# bug[stale-state]: 反向表只在第一次调用时建一次, 存在全局变量里: 换了词表还用旧的 {编号: 词元}
_ID_TO_TOKEN = {}


def decode(ids, vocab):
    if not _ID_TO_TOKEN:
        _ID_TO_TOKEN.update({i: tok for tok, i in vocab.items()})
    return [_ID_TO_TOKEN[int(i)] for i in ids]
