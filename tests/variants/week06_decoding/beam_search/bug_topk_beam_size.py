# bug[edge-shape]: torch.topk(logp, beam_size) 没有和 |V| 取较小值, 束宽大于词表时报错
import torch


def beam_search(next_logprobs, prefix, beam_size, max_new_tokens, eos_id, alpha=1.0):
    prefix = tuple(prefix)
    live, finished = [((), 0.0)], []
    for _ in range(max_new_tokens):
        candidates = []
        for tokens, total in live:
            logp = torch.as_tensor(next_logprobs(prefix + tokens)).double()
            top = torch.topk(logp, beam_size)
            for lp, v in zip(top.values.tolist(), top.indices.tolist()):
                candidates.append((tokens + (v,), total + lp))
        candidates.sort(key=lambda c: c[1], reverse=True)
        live = []
        for tokens, total in candidates[:beam_size]:
            (finished if tokens[-1] == eos_id else live).append((tokens, total))
        if not live:
            break
    finished.extend(live)
    tokens, total = max(finished, key=lambda c: c[1] / len(c[0]) ** alpha)
    return list(tokens), total / len(tokens) ** alpha
