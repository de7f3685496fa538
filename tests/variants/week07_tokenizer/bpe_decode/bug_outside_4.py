# bug[long-input]: 递归展开每个合并词元的字节串, 合并链很深 (如 a, aa, aaa, … 上千层) 时 RecursionError
def bpe_decode(ids, merges, special_tokens=None):
    def token_bytes(i):
        if i < 256:
            return bytes([i])
        a, b = merges[i - 256]
        return token_bytes(a) + token_bytes(b)

    id_to_special = {i: s for s, i in (special_tokens or {}).items()}
    parts = []
    for i in ids:
        if i in id_to_special:
            parts.append(id_to_special[i].encode("utf-8"))
        elif 0 <= i < 256 + len(merges):
            parts.append(token_bytes(i))
        else:
            raise ValueError(f"未知的 id {i}")
    return b"".join(parts).decode("utf-8", errors="replace")
