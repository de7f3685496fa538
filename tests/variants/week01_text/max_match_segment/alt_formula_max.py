def max_match_segment(text, lexicon, max_len=4, direction="forward"):
    """直接照公式写: l*(i) = max{l : 1 <= l <= min(L, n - i), l == 1 或 x[i:i+l] 在词典里}。"""
    if direction not in ("forward", "backward"):
        raise ValueError(f"未知方向 {direction!r}")
    n = len(text)
    if direction == "forward":
        words, i = [], 0
        while i < n:
            best = max(l for l in range(1, min(max_len, n - i) + 1) if l == 1 or text[i:i + l] in lexicon)
            words.append(text[i:i + best])
            i += best
        return words
    words, j = [], n
    while j > 0:
        best = max(l for l in range(1, min(max_len, j) + 1) if l == 1 or text[j - l:j] in lexicon)
        words.insert(0, text[j - best:j])
        j -= best
    return words
