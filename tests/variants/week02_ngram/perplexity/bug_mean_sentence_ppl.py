# bug[wrong-math]: 先算每句的困惑度再取平均, 而不是整个语料一起平均
import math


def perplexity(sentences, logprob_fn):
    ppls = [math.exp(-logprob_fn(s) / (len(s) + 1)) for s in sentences]
    return sum(ppls) / len(ppls)
