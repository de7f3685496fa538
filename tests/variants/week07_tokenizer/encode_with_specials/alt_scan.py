# 正确: 手写从左到右的扫描, 每个位置按长度从长到短试特殊符号, 普通文本攒在缓冲区里
def encode_with_specials(text, merges, special_tokens):
    by_length = sorted(special_tokens, key=len, reverse=True)
    out, buf, i = [], [], 0
    while i < len(text):
        hit = next((s for s in by_length if s and text.startswith(s, i)), None)
        if hit is None:
            buf.append(text[i])
            i += 1
            continue
        if buf:
            out.extend(bpe_encode("".join(buf), merges))
            buf = []
        out.append(special_tokens[hit])
        i += len(hit)
    if buf:
        out.extend(bpe_encode("".join(buf), merges))
    return out
