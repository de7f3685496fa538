# 正确: 外部测试者只看学生版 notebook 写的实现 (写法 a)
from course.tokenizer import pretokenize


def bpe_encode(text, merges):
    """字节级 BPE 编码: 按块预分词, 块内反复合并秩最小的相邻对。"""
    ranks = {}
    for k, pair in enumerate(merges):
        ranks.setdefault(tuple(pair), k)  # 同一对出现多次时取秩最小的
    out = []
    for chunk in pretokenize(text):
        ids = list(chunk.encode("utf-8"))
        while len(ids) >= 2:
            pair = min(zip(ids, ids[1:]), key=lambda p: ranks.get(p, float("inf")))
            if pair not in ranks:
                break
            ids = merge(ids, pair, 256 + ranks[pair])
        out.extend(ids)
    return out
