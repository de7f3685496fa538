# bug[non-default-arg]: 不检查 eos, 总是生成满 max_new_tokens 个
import torch


def greedy_decode(next_logprobs, prefix, max_new_tokens, eos_id=None):
    seq, out = tuple(prefix), []
    for _ in range(max_new_tokens):
        token = int(torch.argmax(next_logprobs(seq)))
        out.append(token)
        seq = seq + (token,)
    return out
