# bug[wrong-math]: 数的是词而不是区间: 预测的词只要在同一句的金标准里出现过就算对 (多重集合求交)
from collections import Counter


def segmentation_prf(predicted, gold):
    correct = n_pred = n_gold = 0
    for p_words, g_words in zip(predicted, gold):
        correct += sum((Counter(p_words) & Counter(g_words)).values())
        n_pred += len(p_words)
        n_gold += len(g_words)
    precision = correct / n_pred if n_pred else 0.0
    recall = correct / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1
