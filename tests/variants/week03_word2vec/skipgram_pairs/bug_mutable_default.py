# bug[stale-state]: 结果列表写成了可变的默认参数 pairs=[], 它在各次调用之间共享, 词对越攒越多
def skipgram_pairs(sentences, window, pairs=[]):
    for s in sentences:
        for i in range(len(s)):
            for j in range(max(0, i - window), min(len(s), i + window + 1)):
                if j != i:
                    pairs.append((s[i], s[j]))
    return pairs
