# bug[wrong-math]: 跳过了概率为 0 的项, 而不是返回 -inf
import math


def sentence_logprob(sentence, prob_fn, n):
    padded = ["<s>"] * (n - 1) + list(sentence) + ["</s>"]
    total = 0.0
    for i in range(n - 1, len(padded)):
        p = prob_fn(tuple(padded[i - n + 1:i + 1]))
        if p > 0:
            total += math.log(p)
    return total
