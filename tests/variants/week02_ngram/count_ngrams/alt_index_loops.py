# 正确: 显式下标循环 + 普通 dict, 返回 dict 而不是 Counter
def count_ngrams(sentences, n):
    counts = {}
    for sentence in sentences:
        padded = ("<s>",) * (n - 1) + tuple(sentence) + ("</s>",)
        for end in range(n, len(padded) + 1):
            gram = padded[end - n:end]
            counts[gram] = counts.get(gram, 0) + 1
    return counts
