# bug[stale-state]: 用字典缓存切分结果, 但 set 不能作键, 键里就没放词典: 同一段文本换了词典还返回旧结果
_cache = {}


def max_match_segment(text, lexicon, max_len=4, direction="forward"):
    if direction not in ("forward", "backward"):
        raise ValueError(f"未知方向 {direction!r}")
    key = (text, max_len, direction)
    if key in _cache:
        return list(_cache[key])
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
    _cache[key] = list(words)
    return words
