# bug[wrong-math]: range 的右端少了 1, 右边只取到 window - 1 个上下文词
def skipgram_pairs(sentences, window):
    pairs = []
    for s in sentences:
        for i in range(len(s)):
            for j in range(max(0, i - window), min(len(s), i + window)):
                if j != i:
                    pairs.append((s[i], s[j]))
    return pairs
