# bug[wrong-math]: 每句分别算 distinct-n 再取平均 (而不是在整批文本上合起来数)
def distinct_n(sentences, n):
    scores = []
    for s in sentences:
        grams = [tuple(s[i:i + n]) for i in range(len(s) - n + 1)]
        if grams:
            scores.append(len(set(grams)) / len(grams))
    return sum(scores) / len(scores) if scores else 0.0
