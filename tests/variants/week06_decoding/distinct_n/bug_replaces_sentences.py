# bug[mutation]: 把 sentences[i] 原地换成它的 n-gram 列表, 调用者的句子被改掉了 (分数本身是对的)
def distinct_n(sentences, n):
    for i, s in enumerate(sentences):
        sentences[i] = [tuple(s[j:j + n]) for j in range(len(s) - n + 1)]
    grams = [g for s in sentences for g in s]
    return len(set(grams)) / len(grams) if grams else 0.0
