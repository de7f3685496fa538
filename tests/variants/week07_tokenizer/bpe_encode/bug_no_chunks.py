# bug[wrong-math]: 没有预分词, 整段文本的字节一起合并, 合并会跨过块的边界
def bpe_encode(text, merges):
    ranks = {tuple(p): 256 + k for k, p in enumerate(merges)}
    ids = list(text.encode("utf-8"))
    while len(ids) >= 2:
        pair = min(zip(ids, ids[1:]), key=lambda p: ranks.get(p, float("inf")))
        if pair not in ranks:
            break
        ids = merge(ids, pair, ranks[pair])
    return ids
