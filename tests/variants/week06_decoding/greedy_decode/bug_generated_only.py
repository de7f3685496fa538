# bug[wrong-math]: 只把已生成的词元传给模型, 漏掉了提示 prefix
import torch


def greedy_decode(next_logprobs, prefix, max_new_tokens, eos_id=None):
    out = []
    for _ in range(max_new_tokens):
        token = int(torch.argmax(next_logprobs(tuple(out))))
        out.append(token)
        if token == eos_id:
            break
    return out
