# 正确: 按链式法则递归, ln P(w_1..w_t) = ln P(w_1..w_{t-1}) + ln P(w_t | h_t)
import math


def sentence_logprob(sentence, prob_fn, n):
    padded = ("<s>",) * (n - 1) + tuple(sentence) + ("</s>",)

    def prefix(t):  # 前 t 个要预测的词元的对数概率
        if t == 0:
            return 0.0
        before = prefix(t - 1)
        p = prob_fn(padded[t - 1:t - 1 + n])
        return before + math.log(p) if p > 0 else -math.inf

    return prefix(len(padded) - n + 1)
