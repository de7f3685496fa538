# bug[wrong-math]: 按字典里的顺序拼正则, 同一位置 "<s>" 抢在更长的 "<s>!" 前面
import re


def encode_with_specials(text, merges, special_tokens):
    if not special_tokens:
        return bpe_encode(text, merges)
    pieces = re.split("(" + "|".join(re.escape(s) for s in special_tokens) + ")", text)
    out = []
    for k, piece in enumerate(pieces):
        if k % 2 == 1:
            out.append(special_tokens[piece])
        elif piece:
            out.extend(bpe_encode(piece, merges))
    return out
