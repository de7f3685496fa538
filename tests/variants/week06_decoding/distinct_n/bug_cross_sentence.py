# bug[wrong-math]: 把所有句子连成一条再数 n-gram, n-gram 跨越了句子边界
def distinct_n(sentences, n):
    tokens = [t for s in sentences for t in s]
    grams = [tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1)]
    return len(set(grams)) / len(grams) if grams else 0.0
