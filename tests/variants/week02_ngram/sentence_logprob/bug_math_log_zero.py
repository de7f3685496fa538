# bug[wrong-math]: 没处理零概率, math.log(0) 抛 ValueError
import math


def sentence_logprob(sentence, prob_fn, n):
    padded = ["<s>"] * (n - 1) + list(sentence) + ["</s>"]
    return sum(math.log(prob_fn(tuple(padded[i - n + 1:i + 1]))) for i in range(n - 1, len(padded)))
