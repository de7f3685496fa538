# bug[wrong-math]: 候选长度从短往长试, 取到的是最短匹配而不是最长匹配
def max_match_segment(text, lexicon, max_len=4, direction="forward"):
    words = []
    if direction == "forward":
        i = 0
        while i < len(text):
            size = 1
            for cand in range(2, min(max_len, len(text) - i) + 1):
                if text[i:i + cand] in lexicon:
                    size = cand
                    break
            words.append(text[i:i + size])
            i += size
    else:
        j = len(text)
        while j > 0:
            size = 1
            for cand in range(2, min(max_len, j) + 1):
                if text[j - cand:j] in lexicon:
                    size = cand
                    break
            words.append(text[j - size:j])
            j -= size
        words.reverse()
    return words
