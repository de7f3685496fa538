# bug[wrong-math]: 并列时取 id 最大的 (argmax 写成从后往前找)
import torch


def greedy_decode(next_logprobs, prefix, max_new_tokens, eos_id=None):
    seq, out = tuple(prefix), []
    for _ in range(max_new_tokens):
        logp = torch.as_tensor(next_logprobs(seq))
        token = len(logp) - 1 - int(torch.argmax(logp.flip(0)))
        out.append(token)
        seq = seq + (token,)
        if token == eos_id:
            break
    return out
