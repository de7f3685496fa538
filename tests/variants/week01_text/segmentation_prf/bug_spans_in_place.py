# bug[mutation]: 为了省内存, 把调用者列表里每句的词列表原地换成了区间集合 (predicted[k] = …), 调用者的数据被改掉
def segmentation_prf(predicted, gold):
    def spans(words):
        out, start = set(), 0
        for w in words:
            out.add((start, start + len(w)))
            start += len(w)
        return out

    for corpus in (predicted, gold):
        for k in range(len(corpus)):
            corpus[k] = spans(corpus[k])
    n_correct = sum(len(p & g) for p, g in zip(predicted, gold))
    n_pred = sum(len(p) for p in predicted)
    n_gold = sum(len(g) for g in gold)
    precision = n_correct / n_pred if n_pred else 0.0
    recall = n_correct / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1
