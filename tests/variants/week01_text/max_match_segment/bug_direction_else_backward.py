# bug[error-path]: 不检查 direction: 不是 "forward" 的一律当作逆向, 错误的方向不会抛出 ValueError
def max_match_segment(text, lexicon, max_len=4, direction="forward"):
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
