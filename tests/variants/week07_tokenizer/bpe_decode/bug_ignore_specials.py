# bug[non-default-arg]: 忘了 special_tokens, 特殊符号的 id 被当成不认识的 id
def bpe_decode(ids, merges, special_tokens=None):
    table = [bytes([b]) for b in range(256)]
    for a, b in merges:
        table.append(table[a] + table[b])
    parts = []
    for i in ids:
        if not 0 <= i < len(table):
            raise ValueError(f"id {i} 不在词表里")
        parts.append(table[i])
    return b"".join(parts).decode("utf-8", errors="replace")
