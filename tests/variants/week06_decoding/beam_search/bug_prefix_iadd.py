# bug[mutation]: seq = prefix; seq += tokens 拼前文; prefix 是 list 时 += 原地修改了调用者的列表 (还把各条束的词元越接越长)
import torch


def beam_search(next_logprobs, prefix, beam_size, max_new_tokens, eos_id, alpha=1.0):
    live, finished = [((), 0.0)], []
    for _ in range(max_new_tokens):
        candidates = []
        for tokens, total in live:
            seq = prefix
            seq += tokens
            logp = torch.as_tensor(next_logprobs(tuple(seq))).double()
            top = torch.topk(logp, min(beam_size, logp.numel()))
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
