# 正确: 不用 topk, 把所有扩展放进一个 (live, V) 的矩阵一次排序; 得分用 float32 累加也在容差内
import torch


def beam_search(next_logprobs, prefix, beam_size, max_new_tokens, eos_id, alpha=1.0):
    prefix = tuple(prefix)
    live_tokens, live_scores = [()], torch.zeros(1, dtype=torch.float64)
    finished = []
    for _ in range(max_new_tokens):
        table = torch.stack([torch.as_tensor(next_logprobs(prefix + t)).double() for t in live_tokens])  # (L, V)
        total = live_scores[:, None] + table  # (L, V)
        V = total.shape[1]
        best = torch.argsort(total.flatten(), descending=True)[:beam_size]
        new_tokens, new_scores = [], []
        for flat in best.tolist():
            tokens = live_tokens[flat // V] + (flat % V,)
            score = float(total.flatten()[flat])
            if tokens[-1] == eos_id:
                finished.append((tokens, score))
            else:
                new_tokens.append(tokens)
                new_scores.append(score)
        live_tokens, live_scores = new_tokens, torch.tensor(new_scores, dtype=torch.float64)
        if not new_tokens:
            break
    finished += list(zip(live_tokens, live_scores.tolist()))  # 达到长度上限的也算完成
    normed = [(s / len(t) ** alpha, list(t)) for t, s in finished]
    score, tokens = max(normed)
    return tokens, score
