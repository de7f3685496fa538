# bug[wrong-math]: N 没有算句末的 </s> (只数了句子里的词元)
import math


def perplexity(sentences, logprob_fn):
    total = sum(logprob_fn(s) for s in sentences)
    n_tokens = sum(max(len(s), 1) for s in sentences)
    return math.exp(-total / n_tokens)
