# bug[edge-shape]: 先生成再检查长度 (do-while), max_new_tokens = 0 时仍然生成了一个词元
import torch


def greedy_decode(next_logprobs, prefix, max_new_tokens, eos_id=None):
    seq, out = tuple(prefix), []
    while True:
        token = int(torch.argmax(torch.as_tensor(next_logprobs(seq))))
        out.append(token)
        seq = seq + (token,)
        if token == eos_id or len(out) >= max_new_tokens:
            return out
