# bug[wrong-math]: 把所有句子拼成一个长序列, 窗口跨过了句子边界
def skipgram_pairs(sentences, window):
    flat = [w for s in sentences for w in s]
    pairs = []
    for i in range(len(flat)):
        for j in range(max(0, i - window), min(len(flat), i + window + 1)):
            if j != i:
                pairs.append((flat[i], flat[j]))
    return pairs
