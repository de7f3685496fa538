# bug[wrong-math]: 左边界没有截到 0, 负下标 s[-1] 取到了句尾的词
def skipgram_pairs(sentences, window):
    pairs = []
    for s in sentences:
        for i in range(len(s)):
            for j in range(i - window, min(len(s), i + window + 1)):
                if j != i:
                    pairs.append((s[i], s[j]))
    return pairs
