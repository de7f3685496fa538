# bug[wrong-math]: 没有跳过 j == i, 把中心词自己也当成了上下文
def skipgram_pairs(sentences, window):
    pairs = []
    for s in sentences:
        for i in range(len(s)):
            for j in range(max(0, i - window), min(len(s), i + window + 1)):
                pairs.append((s[i], s[j]))
    return pairs
