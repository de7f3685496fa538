# 正确: 外部测试者只看学生版 notebook 写的实现 (写法 b)
def encode_with_specials(text, merges, special_tokens):
    """编码, 但文本里的特殊符号各自变成它的 id (同一位置取最长的), 从不被拆开或与邻居合并。"""
    out = []
    start = 0  # 当前这段普通文本的起点
    pos = 0
    n = len(text)
    while pos < n:
        found = None
        for s in special_tokens:
            if s and text.startswith(s, pos) and (found is None or len(s) > len(found)):
                found = s
        if found is None:
            pos += 1
            continue
        if start < pos:
            out += bpe_encode(text[start:pos], merges)
        out.append(special_tokens[found])
        pos += len(found)
        start = pos
    if start < n:
        out += bpe_encode(text[start:], merges)
    return out
