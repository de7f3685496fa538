# bug[edge-shape]: 没处理分母为 0: 空语料 (或所有句子都为空) 时抛 ZeroDivisionError, 而不是返回 0.0
def segmentation_prf(predicted, gold):
    def spans(words):
        out, start = set(), 0
        for w in words:
            out.add((start, start + len(w)))
            start += len(w)
        return out

    n_correct = n_pred = n_gold = 0
    for pred_words, gold_words in zip(predicted, gold):
        pred_spans, gold_spans = spans(pred_words), spans(gold_words)
        n_correct += len(pred_spans & gold_spans)
        n_pred += len(pred_spans)
        n_gold += len(gold_spans)
    precision = n_correct / n_pred
    recall = n_correct / n_gold
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1
