# bug[wrong-math]: 生成 eos 后停止, 但没把 eos 放进结果
import torch


def greedy_decode(next_logprobs, prefix, max_new_tokens, eos_id=None):
    seq, out = tuple(prefix), []
    for _ in range(max_new_tokens):
        token = int(torch.argmax(next_logprobs(seq)))
        if token == eos_id:
            break
        out.append(token)
        seq = seq + (token,)
    return out
