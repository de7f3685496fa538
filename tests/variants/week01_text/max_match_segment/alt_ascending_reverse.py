def max_match_segment(text, lexicon, max_len=4, direction="forward"):
    """正向: 从短到长试, 记住最长的匹配; 逆向: 把文本倒过来做正向, 查词典时再倒回去。"""
    if direction not in ("forward", "backward"):
        raise ValueError(direction)
    source = text if direction == "forward" else text[::-1]

    def known(piece):
        return (piece if direction == "forward" else piece[::-1]) in lexicon

    words, i = [], 0
    while i < len(source):
        best = 1
        for size in range(2, max_len + 1):
            if i + size > len(source):
                break
            if known(source[i:i + size]):
                best = size
        words.append(source[i:i + best])
        i += best
    if direction == "backward":
        words = [w[::-1] for w in reversed(words)]
    return words
