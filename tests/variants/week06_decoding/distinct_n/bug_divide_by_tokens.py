# bug[wrong-math]: 分母用了词元总数, 而不是 n-gram 总数
def distinct_n(sentences, n):
    grams = {tuple(s[i:i + n]) for s in sentences for i in range(len(s) - n + 1)}
    total = sum(len(s) for s in sentences)
    return len(grams) / total if total else 0.0
