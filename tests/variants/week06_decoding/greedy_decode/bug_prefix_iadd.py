# bug[mutation]: seq = prefix 之后用 seq += (token,) 接上新词元; prefix 是 list 时 += 原地修改了调用者的列表
import torch


def greedy_decode(next_logprobs, prefix, max_new_tokens, eos_id=None):
    seq, out = prefix, []
    for _ in range(max_new_tokens):
        token = int(torch.argmax(torch.as_tensor(next_logprobs(tuple(seq)))))
        out.append(token)
        seq += (token,)
        if token == eos_id:
            break
    return out
