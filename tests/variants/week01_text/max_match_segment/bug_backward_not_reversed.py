# bug[wrong-math]: 逆向最大匹配忘了把结果翻转回原文顺序 (返回的是从右往左的顺序)
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
    return words
