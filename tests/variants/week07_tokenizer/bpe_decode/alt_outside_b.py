# 正确: 外部测试者只看学生版 notebook 写的实现 (写法 b)
def bpe_decode(ids, merges, special_tokens=None):
    """字节级 BPE 解码: 每个 id 的字节串接起来, 按 UTF-8 解码 (errors="replace")。"""
    vocab = {i: bytes([i]) for i in range(256)}
    for k, (a, b) in enumerate(merges):
        vocab[256 + k] = vocab[a] + vocab[b]
    if special_tokens is not None:
        for string, i in special_tokens.items():
            vocab[i] = string.encode("utf-8")
    buf = bytearray()
    for i in ids:
        piece = vocab.get(i)
        if piece is None:
            raise ValueError("id %r is not in the vocabulary" % (i,))
        buf += piece
    return bytes(buf).decode("utf-8", errors="replace")
