# bug[wrong-math]: 每个存活序列各自保留 beam_size 个扩展, 束随步数成倍变宽 (没有在所有候选里统一选前 k 个)
import torch


def beam_search(next_logprobs, prefix, beam_size, max_new_tokens, eos_id, alpha=1.0):
    prefix = tuple(prefix)
    live, finished = [((), 0.0)], []
    for _ in range(max_new_tokens):
        new_live = []
        for tokens, total in live:
            logp = torch.as_tensor(next_logprobs(prefix + tokens)).double()
            top = torch.topk(logp, min(beam_size, logp.numel()))
            for lp, v in zip(top.values.tolist(), top.indices.tolist()):
                (finished if v == eos_id else new_live).append((tokens + (v,), total + lp))
        live = new_live
        if not live:
            break
    finished += live
    tokens, total = max(finished, key=lambda c: c[1] / len(c[0]) ** alpha)
    return list(tokens), total / len(tokens) ** alpha
