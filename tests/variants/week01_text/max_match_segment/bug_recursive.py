# bug[long-input]: 递归实现: 每切出一个词递归一层, 几千字的长文本超过 Python 的递归深度 (RecursionError)
def max_match_segment(text, lexicon, max_len=4, direction="forward"):
    if direction not in ("forward", "backward"):
        raise ValueError(f"未知方向 {direction!r}")
    if not text:
        return []
    if direction == "forward":
        for size in range(min(max_len, len(text)), 0, -1):
            if size == 1 or text[:size] in lexicon:
                break
        return [text[:size]] + max_match_segment(text[size:], lexicon, max_len, direction)
    for size in range(min(max_len, len(text)), 0, -1):
        if size == 1 or text[-size:] in lexicon:
            break
    return max_match_segment(text[:-size], lexicon, max_len, direction) + [text[-size:]]
