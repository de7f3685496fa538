# bug[wrong-math]: 只补了一个 <s>, 三元模型漏掉了第一个词元的概率
import math


def sentence_logprob(sentence, prob_fn, n):
    padded = ["<s>"] + list(sentence) + ["</s>"]
    total = 0.0
    for i in range(len(padded) - n + 1):
        p = prob_fn(tuple(padded[i:i + n]))
        if p <= 0:
            return float("-inf")
        total += math.log(p)
    return total
