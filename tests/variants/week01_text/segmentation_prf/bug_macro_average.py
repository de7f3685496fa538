# bug[wrong-math]: 对每句分别算 P/R/F1 再求平均 (宏平均), 而不是在整个语料上把计数加起来 (微平均)
def segmentation_prf(predicted, gold):
    def spans(words):
        out, start = set(), 0
        for w in words:
            out.add((start, start + len(w)))
            start += len(w)
        return out

    ps, rs, fs = [], [], []
    for p_words, g_words in zip(predicted, gold):
        p_spans, g_spans = spans(p_words), spans(g_words)
        c = len(p_spans & g_spans)
        p = c / len(p_spans) if p_spans else 0.0
        r = c / len(g_spans) if g_spans else 0.0
        ps.append(p)
        rs.append(r)
        fs.append(2 * p * r / (p + r) if p + r else 0.0)
    if not ps:
        return 0.0, 0.0, 0.0
    return sum(ps) / len(ps), sum(rs) / len(rs), sum(fs) / len(fs)
