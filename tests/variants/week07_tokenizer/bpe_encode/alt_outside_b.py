# 正确: 外部测试者只看学生版 notebook 写的实现 (写法 b)
from course.tokenizer import pretokenize


def bpe_encode(text, merges):
    """字节级 BPE 编码: 按块预分词, 块内反复合并秩最小的相邻对。"""
    rank_of = {}
    for k in range(len(merges) - 1, -1, -1):  # 倒着写, 重复的对最后留下最小的秩
        a, b = merges[k]
        rank_of[(a, b)] = k
    seen = {}  # 只在这一次调用里缓存相同的块
    result = []
    for chunk in pretokenize(text):
        if chunk in seen:
            result += seen[chunk]
            continue
        seq = list(chunk.encode("utf-8"))
        while True:
            best_rank, best_pos = None, -1
            for j in range(len(seq) - 1):
                r = rank_of.get((seq[j], seq[j + 1]))
                if r is not None and (best_rank is None or r < best_rank):
                    best_rank, best_pos = r, j
            if best_rank is None:
                break
            a, b = seq[best_pos], seq[best_pos + 1]
            new = []
            j = 0
            while j < len(seq):
                if j + 1 < len(seq) and seq[j] == a and seq[j + 1] == b:
                    new.append(256 + best_rank)
                    j += 2
                else:
                    new.append(seq[j])
                    j += 1
            seq = new
        seen[chunk] = seq
        result += seq
    return result
