# bug[mutation]: 为了方便把 "id -> 字符串" 的反向映射也塞进了调用者传进来的 special_tokens
import re


def encode_with_specials(text, merges, special_tokens):
    if not special_tokens:
        return bpe_encode(text, merges)
    alternatives = sorted((s for s in special_tokens if isinstance(s, str)), key=lambda s: (-len(s), s))
    for s in alternatives:
        special_tokens[special_tokens[s]] = s
    pieces = re.split("(" + "|".join(re.escape(s) for s in alternatives) + ")", text)
    out = []
    for k, piece in enumerate(pieces):
        if k % 2 == 1:
            out.append(special_tokens[piece])
        elif piece:
            out.extend(bpe_encode(piece, merges))
    return out
