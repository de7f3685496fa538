# bug[wrong-math]: 没有 re.escape, "<|endoftext|>"、"a|b" 里的 | 被当成了 "或"
import re


def encode_with_specials(text, merges, special_tokens):
    if not special_tokens:
        return bpe_encode(text, merges)
    alternatives = sorted(special_tokens, key=lambda s: (-len(s), s))
    pieces = re.split("(" + "|".join(alternatives) + ")", text)
    out = []
    for k, piece in enumerate(pieces):
        if k % 2 == 1:
            out.append(special_tokens.get(piece, 0))
        elif piece:
            out.extend(bpe_encode(piece, merges))
    return out
