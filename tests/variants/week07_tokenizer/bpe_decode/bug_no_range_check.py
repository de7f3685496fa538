# bug[error-path]: 不检查 id 的范围: 负数从表尾取值不报错, 太大的 id 抛出 IndexError 而不是 ValueError
def bpe_decode(ids, merges, special_tokens=None):
    table = [bytes([b]) for b in range(256)]
    for a, b in merges:
        table.append(table[a] + table[b])
    specials = {i: s.encode("utf-8") for s, i in (special_tokens or {}).items()}
    return b"".join(specials[i] if i in specials else table[i] for i in ids).decode("utf-8", errors="replace")
