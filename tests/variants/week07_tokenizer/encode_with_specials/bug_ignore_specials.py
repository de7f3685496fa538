# bug[wrong-math]: 把特殊符号当成普通文本一起编码 (只调用了 bpe_encode)
def encode_with_specials(text, merges, special_tokens):
    return bpe_encode(text, merges)
