# bug[wrong-math]: 以 eos 结束的序列没有移出束, 还在继续扩展 (eos 后面又接了词元)
import torch


def beam_search(next_logprobs, prefix, beam_size, max_new_tokens, eos_id, alpha=1.0):
    prefix = tuple(prefix)
    live = [((), 0.0)]
    for _ in range(max_new_tokens):
        cands = []
        for tokens, total in live:
            logp = torch.as_tensor(next_logprobs(prefix + tokens)).double()
            cands += [(tokens + (v,), total + lp) for v, lp in enumerate(logp.tolist())]
        cands.sort(key=lambda c: c[1], reverse=True)
        live = cands[:beam_size]
    tokens, total = max(live, key=lambda c: c[1] / len(c[0]) ** alpha)
    return list(tokens), total / len(tokens) ** alpha
