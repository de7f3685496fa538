# 正确: 用 zip 把句子和错开 k 位的自己配对, 每个 k 同时得到左右两个方向
def skipgram_pairs(sentences, window):
    pairs = []
    for s in sentences:
        s = list(s)
        for k in range(1, window + 1):
            for a, b in zip(s, s[k:]):
                pairs += [(a, b), (b, a)]
    return pairs
