# 正确: 先收集所有概率, 再用 np.log 一次取对数; 有 0 时 np.log(0.0) = -inf 并发出 RuntimeWarning,
# 和为 -inf。这里特意打开 numpy 的警告, 证明警告不会让正确答案失分
import numpy as np


def sentence_logprob(sentence, prob_fn, n):
    tokens = ["<s>"] * (n - 1) + list(sentence) + ["</s>"]
    probs = np.array([prob_fn(tuple(tokens[i:i + n])) for i in range(len(tokens) - n + 1)], dtype=float)
    with np.errstate(divide="warn"):
        logs = np.log(probs)
    return float(np.sum(logs))
