# bug[edge-shape]: 用 functools.reduce 把字节串加起来, 没给初值, ids 为空时抛出 TypeError
import functools
import operator


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
    return functools.reduce(operator.add, parts).decode("utf-8", errors="replace")
