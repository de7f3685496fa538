def segmentation_prf(predicted, gold):
    """逐句把区间写成 "起点:终点" 字符串, 跨句加上句号避免混淆, 整个语料放进一个大集合。"""
    pred_all, gold_all = set(), set()
    for k, (p_words, g_words) in enumerate(zip(predicted, gold)):
        for words, bucket in ((p_words, pred_all), (g_words, gold_all)):
            pos = 0
            for w in words:
                bucket.add(f"{k}.{pos}:{pos + len(w)}")
                pos += len(w)
    correct = len(pred_all & gold_all)
    p = correct / len(pred_all) if pred_all else 0.0
    r = correct / len(gold_all) if gold_all else 0.0
    f = 0.0 if p + r == 0 else 2 * p * r / (p + r)
    return p, r, f
