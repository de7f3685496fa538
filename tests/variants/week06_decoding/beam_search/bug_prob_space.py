# bug[long-input]: 在概率空间里连乘打分, 一百多步以后概率之积下溢成 0, 所有候选得分相同, 剪枝和比较都失效
import math

import torch


def beam_search(next_logprobs, prefix, beam_size, max_new_tokens, eos_id, alpha=1.0):
    prefix = tuple(prefix)
    live, finished = [((), 1.0)], []  # (续写, 概率之积)
    for _ in range(max_new_tokens):
        candidates = []
        for tokens, prob in live:
            probs = torch.as_tensor(next_logprobs(prefix + tokens)).double().exp()
            top = torch.topk(probs, min(beam_size, probs.numel()))
            for p, v in zip(top.values.tolist(), top.indices.tolist()):
                candidates.append((tokens + (v,), prob * p))
        candidates.sort(key=lambda c: c[1], reverse=True)
        live = []
        for tokens, prob in candidates[:beam_size]:
            (finished if tokens[-1] == eos_id else live).append((tokens, prob))
        if not live:
            break
    finished.extend(live)
    score = lambda c: (math.log(c[1]) if c[1] > 0 else -math.inf) / len(c[0]) ** alpha
    best = max(finished, key=score)
    return list(best[0]), score(best)
