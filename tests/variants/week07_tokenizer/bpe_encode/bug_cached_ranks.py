# bug[stale-state]: 秩的字典只在第一次调用时建, 以后换了 merges 还在用第一次的
from course.tokenizer import pretokenize

_RANKS = {}


def bpe_encode(text, merges):
    if not _RANKS:
        _RANKS.update({tuple(p): 256 + k for k, p in enumerate(merges)})
    out = []
    for chunk in pretokenize(text):
        ids = list(chunk.encode("utf-8"))
        while len(ids) >= 2:
            pair = min(zip(ids, ids[1:]), key=lambda p: _RANKS.get(p, float("inf")))
            if pair not in _RANKS:
                break
            ids = merge(ids, pair, _RANKS[pair])
        out.extend(ids)
    return out
