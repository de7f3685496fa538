# bug[non-default-arg]: 忽略参数 max_len, 改用词典里最长词的长度作为窗口
def max_match_segment(text, lexicon, max_len=4, direction="forward"):
    longest = max((len(w) for w in lexicon), default=1)
    words = []
    if direction == "forward":
        i = 0
        while i < len(text):
            for size in range(min(longest, len(text) - i), 0, -1):
                if size == 1 or text[i:i + size] in lexicon:
                    break
            words.append(text[i:i + size])
            i += size
    else:
        j = len(text)
        while j > 0:
            for size in range(min(longest, j), 0, -1):
                if size == 1 or text[j - size:j] in lexicon:
                    break
            words.append(text[j - size:j])
            j -= size
        words.reverse()
    return words
