# bug[mutation]: 在调用者的句子上原地补 <s> 和 </s>: 第一次算对了, 句子却被改掉了
import math


def sentence_logprob(sentence, prob_fn, n):
    sentence[:0] = ["<s>"] * (n - 1)
    sentence.append("</s>")
    total = 0.0
    for i in range(n - 1, len(sentence)):
        p = prob_fn(tuple(sentence[i - n + 1:i + 1]))
        if p <= 0.0:
            return float("-inf")
        total += math.log(p)
    return total
