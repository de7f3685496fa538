# bug[wrong-math]: F1 用了算术平均 (P + R) / 2, 而不是调和平均 2PR / (P + R)
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
    precision = correct / n_pred if n_pred else 0.0
    recall = correct / n_gold if n_gold else 0.0
    return precision, recall, (precision + recall) / 2
