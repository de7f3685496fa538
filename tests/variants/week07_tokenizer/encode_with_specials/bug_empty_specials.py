# bug[edge-shape]: special_tokens 为空时拼出的正则是 "()", 在每个位置都切开, 然后找不到空串的 id
import re


def encode_with_specials(text, merges, special_tokens):
    alternatives = sorted(special_tokens, key=lambda s: (-len(s), s))
    pieces = re.split("(" + "|".join(re.escape(s) for s in alternatives) + ")", text)
    out = []
    for k, piece in enumerate(pieces):
        if k % 2 == 1:
            out.append(special_tokens[piece])
        elif piece:
            out.extend(bpe_encode(piece, merges))
    return out
