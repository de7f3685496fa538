# 正确: 递归地把 id 展开成字节 (深度不超过合并的层数), 一次性按 UTF-8 解码
def bpe_decode(ids, merges, special_tokens=None):
    id_to_special = {i: s for s, i in (special_tokens or {}).items()}
    memo = {}

    def expand(i):
        if i < 256:
            return bytes([i])
        if i not in memo:
            a, b = merges[i - 256]
            memo[i] = expand(a) + expand(b)
        return memo[i]

    data = bytearray()
    for i in ids:
        if i in id_to_special:
            data += id_to_special[i].encode("utf-8")
        elif isinstance(i, int) and 0 <= i < 256 + len(merges):
            data += expand(i)
        else:
            raise ValueError(f"unknown id {i}")
    return bytes(data).decode("utf-8", errors="replace")
