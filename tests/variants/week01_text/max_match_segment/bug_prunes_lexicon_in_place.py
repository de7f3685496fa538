# bug[mutation]: 为了少查几次, 先把比 max_len 长的词从词典里删掉 —— 删的是调用者自己的词典
def max_match_segment(text, lexicon, max_len=4, direction="forward"):
    if direction not in ("forward", "backward"):
        raise ValueError(f"未知方向 {direction!r}")
    for w in [w for w in lexicon if len(w) > max_len]:
        if isinstance(lexicon, dict):
            del lexicon[w]
        else:
            lexicon.remove(w)
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
