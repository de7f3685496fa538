# bug[wrong-math]: 每个词元单独解码再拼起来, 一个字的字节分在两个词元里时变成两个 �
def bpe_decode(ids, merges, special_tokens=None):
    table = [bytes([b]) for b in range(256)]
    for a, b in merges:
        table.append(table[a] + table[b])
    specials = {i: s for s, i in (special_tokens or {}).items()}
    out = []
    for i in ids:
        if i in specials:
            out.append(specials[i])
        elif 0 <= i < len(table):
            out.append(table[i].decode("utf-8", errors="replace"))
        else:
            raise ValueError(f"id {i} 不在词表里")
    return "".join(out)
