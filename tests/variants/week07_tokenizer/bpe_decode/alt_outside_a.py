# 正确: 外部测试者只看学生版 notebook 写的实现 (写法 a)
def bpe_decode(ids, merges, special_tokens=None):
    """字节级 BPE 解码: 每个id 的字节串接起来, 按 UTF-8 解码 (errors="replace")。"""
    table = [bytes([b]) for b in range(256)]
    for a, b in merges:
        table.append(table[a] + table[b])
    specials = {}
    if special_tokens:
        specials = {i: s.encode("utf-8") for s, i in special_tokens.items()}
    parts = []
    for i in ids:
        if i in specials:
            parts.append(specials[i])
        elif 0 <= i < len(table):
            parts.append(table[i])
        else:
            raise ValueError(f"unknown token id {i}")
    return b"".join(parts).decode("utf-8", errors="replace")
