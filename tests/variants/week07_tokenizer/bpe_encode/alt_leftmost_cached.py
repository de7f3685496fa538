# 正确: 每次只合并秩最小的对在块里最左边的一处 (下一轮会接着合并它的其余出现); 同一次调用内缓存相同的块
from course.tokenizer import pretokenize


def bpe_encode(text, merges):
    rank = {(a, b): k for k, (a, b) in enumerate(merges)}
    cache = {}
    out = []
    for chunk in pretokenize(text):
        if chunk not in cache:
            ids = list(chunk.encode("utf-8"))
            while True:
                best, pos = None, -1
                for i in range(len(ids) - 1):
                    r = rank.get((ids[i], ids[i + 1]))
                    if r is not None and (best is None or r < best):
                        best, pos = r, i
                if best is None:
                    break
                ids[pos:pos + 2] = [256 + best]
            cache[chunk] = ids
        out += cache[chunk]
    return out
