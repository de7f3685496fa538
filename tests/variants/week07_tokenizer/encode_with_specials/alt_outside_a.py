# 正确: 外部测试者只看学生版 notebook 写的实现 (写法 a)
import re


def encode_with_specials(text, merges, special_tokens):
    """编码, 但文本里的特殊符号各自变成它的 id (同一位置取最长的), 从不被拆开或与邻居合并。"""
    names = sorted((s for s in special_tokens if s), key=len, reverse=True)
    if not names:
        return bpe_encode(text, merges)
    pattern = "(" + "|".join(re.escape(s) for s in names) + ")"
    out = []
    for j, piece in enumerate(re.split(pattern, text)):
        if j % 2 == 1:
            out.append(special_tokens[piece])
        elif piece:
            out.extend(bpe_encode(piece, merges))
    return out
