# bug[edge-shape]: 以为空句子的概率是 1 (返回 0.0): 空句子也要预测一个 </s>, 结果是 ln P(</s> | <s> …)
import math


def sentence_logprob(sentence, prob_fn, n):
    if not sentence:
        return 0.0
    padded = ["<s>"] * (n - 1) + list(sentence) + ["</s>"]
    total = 0.0
    for i in range(n - 1, len(padded)):
        p = prob_fn(tuple(padded[i - n + 1:i + 1]))
        if p <= 0.0:
            return float("-inf")
        total += math.log(p)
    return total
