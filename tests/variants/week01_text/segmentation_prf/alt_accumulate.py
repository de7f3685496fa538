from itertools import accumulate


def segmentation_prf(predicted, gold):
    """用累加和得到每个词的结束位置; 区间由相邻的两个边界确定。F1 写成 2c / (p + g)。"""
    def spans(words):
        ends = list(accumulate(len(w) for w in words))
        return set(zip([0] + ends[:-1], ends))

    correct = n_pred = n_gold = 0
    for p_words, g_words in zip(predicted, gold):
        p_spans, g_spans = spans(p_words), spans(g_words)
        correct += len(p_spans & g_spans)
        n_pred += len(p_spans)
        n_gold += len(g_spans)
    precision = correct / n_pred if n_pred > 0 else 0.0
    recall = correct / n_gold if n_gold > 0 else 0.0
    f1 = 2 * correct / (n_pred + n_gold) if correct > 0 else 0.0
    return (precision, recall, f1)
