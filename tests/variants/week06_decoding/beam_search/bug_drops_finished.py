# bug[wrong-math]: 以 eos 结束的序列直接丢掉了, 只在最后存活的序列里挑
import torch


def beam_search(next_logprobs, prefix, beam_size, max_new_tokens, eos_id, alpha=1.0):
    prefix = tuple(prefix)
    live, last_finished = [((), 0.0)], []
    for _ in range(max_new_tokens):
        cands = []
        for tokens, total in live:
            logp = torch.as_tensor(next_logprobs(prefix + tokens)).double()
            cands += [(tokens + (v,), total + lp) for v, lp in enumerate(logp.tolist())]
        cands.sort(key=lambda c: c[1], reverse=True)
        kept = cands[:beam_size]
        live = [c for c in kept if c[0][-1] != eos_id]
        last_finished = [c for c in kept if c[0][-1] == eos_id]
        if not live:
            break
    pool = live or last_finished
    tokens, total = max(pool, key=lambda c: c[1] / len(c[0]) ** alpha)
    return list(tokens), total / len(tokens) ** alpha
