# bug[edge-shape]: 没有 n-gram 时 (空的批次、空句子、句子都比 n 短) 0 / 0 抛 ZeroDivisionError
def distinct_n(sentences, n):
    grams = [tuple(s[i:i + n]) for s in sentences for i in range(len(s) - n + 1)]
    return len(set(grams)) / len(grams)
