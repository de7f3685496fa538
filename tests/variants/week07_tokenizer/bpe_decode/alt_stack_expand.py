# 正确: 用显式的栈 (不递归) 把每个 id 展开成字节, 展开过的 id 记下来; 一次性按 UTF-8 解码
def bpe_decode(ids, merges, special_tokens=None):
    id_to_special = {i: s for s, i in (special_tokens or {}).items()}
    memo = {}

    def expand(root):
        stack = [root]
        while stack:
            i = stack[-1]
            if i < 256 or i in memo:
                stack.pop()
                continue
            a, b = merges[i - 256]
            todo = [x for x in (a, b) if x >= 256 and x not in memo]
            if todo:
                stack.extend(todo)
            else:
                memo[i] = (bytes([a]) if a < 256 else memo[a]) + (bytes([b]) if b < 256 else memo[b])
                stack.pop()
        return bytes([root]) if root < 256 else memo[root]

    data = bytearray()
    for i in ids:
        if i in id_to_special:
            data += id_to_special[i].encode("utf-8")
        elif isinstance(i, int) and 0 <= i < 256 + len(merges):
            data += expand(i)
        else:
            raise ValueError(f"unknown id {i}")
    return bytes(data).decode("utf-8", errors="replace")
