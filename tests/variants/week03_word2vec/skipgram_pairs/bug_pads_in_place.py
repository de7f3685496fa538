# bug[mutation]: 为了不越界, 用 += 在每个句子右边补 None; 对列表 += 是原地的, 调用者的句子被加长了
def skipgram_pairs(sentences, window):
    pairs = []
    for s in sentences:
        n = len(s)
        s += [None] * window  # 右边补齐, 免得 s[j] 越界
        for i in range(n):
            for j in range(max(0, i - window), i + window + 1):
                if j != i and s[j] is not None:
                    pairs.append((s[i], s[j]))
    return pairs
