# bug[error-path]: 先处理空字符串再检查 direction: max_match_segment("", …, direction="bad") 返回 [] 而不抛出 ValueError
def max_match_segment(text, lexicon, max_len=4, direction="forward"):
    if not text:
        return []
    if direction not in ("forward", "backward"):
        raise ValueError(f"未知方向 {direction!r}")
    words = []
    if direction == "forward":
        i = 0
        while i < len(text):
            for size in range(min(max_len, len(text) - i), 0, -1):
                if size == 1 or text[i:i + size] in lexicon:
                    break
            words.append(text[i:i + size])
            i += size
    else:
        j = len(text)
        while j > 0:
            for size in range(min(max_len, j), 0, -1):
                if size == 1 or text[j - size:j] in lexicon:
                    break
            words.append(text[j - size:j])
            j -= size
        words.reverse()
    return words
