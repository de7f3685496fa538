# bug[wrong-math]: 窗口少一个字: 候选长度从 max_len - 1 开始, 长度恰好为 max_len 的词永远匹配不到
def max_match_segment(text, lexicon, max_len=4, direction="forward"):
    words = []
    if direction == "forward":
        i = 0
        while i < len(text):
            size = 1
            for size in range(min(max_len - 1, len(text) - i), 0, -1):
                if size == 1 or text[i:i + size] in lexicon:
                    break
            words.append(text[i:i + size])
            i += size
    else:
        j = len(text)
        while j > 0:
            size = 1
            for size in range(min(max_len - 1, j), 0, -1):
                if size == 1 or text[j - size:j] in lexicon:
                    break
            words.append(text[j - size:j])
            j -= size
        words.reverse()
    return words
