# 正确: 先按偏移量 (-m..m, 不含 0) 循环, 再按位置循环; 词对顺序与参考解答不同
def skipgram_pairs(sentences, window):
    pairs = []
    for s in sentences:
        s = list(s)
        for off in range(-window, window + 1):
            if off == 0:
                continue
            for i in range(len(s)):
                if 0 <= i + off < len(s):
                    pairs.append((s[i], s[i + off]))
    return pairs
