# bug[wrong-math]: 用了以 10 为底的对数, 而不是自然对数
import math


def sentence_logprob(sentence, prob_fn, n):
    padded = ["<s>"] * (n - 1) + list(sentence) + ["</s>"]
    total = 0.0
    for i in range(n - 1, len(padded)):
        p = prob_fn(tuple(padded[i - n + 1:i + 1]))
        if p <= 0:
            return float("-inf")
        total += math.log10(p)
    return total
