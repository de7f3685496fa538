# bug[wrong-math]: 用默认的严格解码, 半个字 (不完整的 UTF-8) 抛出 UnicodeDecodeError 而不是变成 �
def bpe_decode(ids, merges, special_tokens=None):
    table = [bytes([b]) for b in range(256)]
    for a, b in merges:
        table.append(table[a] + table[b])
    specials = {i: s.encode("utf-8") for s, i in (special_tokens or {}).items()}
    parts = []
    for i in ids:
        if i in specials:
            parts.append(specials[i])
        elif 0 <= i < len(table):
            parts.append(table[i])
        else:
            raise ValueError(f"id {i} 不在词表里")
    return b"".join(parts).decode("utf-8")
