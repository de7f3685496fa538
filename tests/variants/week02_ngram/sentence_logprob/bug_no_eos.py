# bug[wrong-math]: 没有算句末 </s> 的概率
import math


def sentence_logprob(sentence, prob_fn, n):
    padded = ["<s>"] * (n - 1) + list(sentence)
    total = 0.0
    for i in range(n - 1, len(padded)):
        p = prob_fn(tuple(padded[i - n + 1:i + 1]))
        if p <= 0:
            return float("-inf")
        total += math.log(p)
    return total
