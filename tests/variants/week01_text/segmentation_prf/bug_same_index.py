# bug[wrong-math]: 按词的序号对齐比较 (第 i 个预测词 == 第 i 个金标准词), 一处切错后面全部错位
def segmentation_prf(predicted, gold):
    correct = n_pred = n_gold = 0
    for p_words, g_words in zip(predicted, gold):
        correct += sum(p == g for p, g in zip(p_words, g_words))
        n_pred += len(p_words)
        n_gold += len(g_words)
    precision = correct / n_pred if n_pred else 0.0
    recall = correct / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1
