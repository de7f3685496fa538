# bug[edge-shape]: 没判断块的长度, 只有一个字节的块 (如 "a"、空格) 上 min() 遇到空序列抛出 ValueError
from course.tokenizer import pretokenize


def bpe_encode(text, merges):
    ranks = {tuple(p): 256 + k for k, p in enumerate(merges)}
    out = []
    for chunk in pretokenize(text):
        ids = list(chunk.encode("utf-8"))
        while True:
            pair = min(zip(ids, ids[1:]), key=lambda p: ranks.get(p, float("inf")))
            if pair not in ranks:
                break
            ids = merge(ids, pair, ranks[pair])
        out.extend(ids)
    return out
