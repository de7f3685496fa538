# bug[mutation]: 为了把 </s> 算进 N, 往调用者的每个句子末尾 append 了 "</s>": 困惑度对了, 句子却被改掉了
import math


def perplexity(sentences, logprob_fn):
    total_logprob, n_tokens = 0.0, 0
    for sentence in sentences:
        total_logprob += logprob_fn(sentence)
        sentence.append("</s>")
        n_tokens += len(sentence)
    return math.exp(-total_logprob / n_tokens)
