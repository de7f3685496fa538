# bug[wrong-math]: 最后比较时没有做长度归一化 (偏爱短序列)
import torch


def beam_search(next_logprobs, prefix, beam_size, max_new_tokens, eos_id, alpha=1.0):
    prefix = tuple(prefix)
    live, finished = [((), 0.0)], []
    for _ in range(max_new_tokens):
        cands = []
        for tokens, total in live:
            logp = torch.as_tensor(next_logprobs(prefix + tokens)).double()
            cands += [(tokens + (v,), total + lp) for v, lp in enumerate(logp.tolist())]
        cands.sort(key=lambda c: c[1], reverse=True)
        live = []
        for tokens, total in cands[:beam_size]:
            (finished if tokens[-1] == eos_id else live).append((tokens, total))
        if not live:
            break
    finished += live
    tokens, total = max(finished, key=lambda c: c[1])
    return list(tokens), total / len(tokens) ** alpha
