# bug[wrong-math]: 精确率和召回率的分母弄反了 (精确率除以金标准的词数)
def segmentation_prf(predicted, gold):
    def spans(words):
        out, start = set(), 0
        for w in words:
            out.add((start, start + len(w)))
            start += len(w)
        return out

    correct = n_pred = n_gold = 0
    for p_words, g_words in zip(predicted, gold):
        p_spans, g_spans = spans(p_words), spans(g_words)
        correct += len(p_spans & g_spans)
        n_pred += len(p_spans)
        n_gold += len(g_spans)
    precision = correct / n_gold if n_gold else 0.0
    recall = correct / n_pred if n_pred else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1
