# bug[wrong-math]: 忘了单字兜底: 查不到任何词时直接跳过这个字, 没有把它加进结果
def max_match_segment(text, lexicon, max_len=4, direction="forward"):
    words = []
    if direction == "forward":
        i = 0
        while i < len(text):
            for size in range(min(max_len, len(text) - i), 0, -1):
                if text[i:i + size] in lexicon:
                    words.append(text[i:i + size])
                    i += size
                    break
            else:
                i += 1
    else:
        j = len(text)
        while j > 0:
            for size in range(min(max_len, j), 0, -1):
                if text[j - size:j] in lexicon:
                    words.append(text[j - size:j])
                    j -= size
                    break
            else:
                j -= 1
        words.reverse()
    return words
