# bug[long-input]: 先把概率连乘, 最后才取一次对数: 几百个词元后乘积下溢成 0.0, 得到 -inf
import math


def sentence_logprob(sentence, prob_fn, n):
    padded = ["<s>"] * (n - 1) + list(sentence) + ["</s>"]
    prob = 1.0
    for i in range(n - 1, len(padded)):
        prob *= prob_fn(tuple(padded[i - n + 1:i + 1]))
    return math.log(prob) if prob > 0 else float("-inf")
