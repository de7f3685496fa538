# 正确: 外部测试者只看学生版 notebook 写的实现 (写法 b)
from course.tokenizer import pretokenize


def train_bpe(lines, num_merges):
    """在若干行文本上训练字节级 BPE, 返回合并规则 (第 k 条产生 id 256 + k)。"""
    if num_merges < 0:
        raise ValueError("num_merges must not be negative")
    freq = {}
    for line in lines:
        for chunk in pretokenize(line):
            key = tuple(chunk.encode("utf-8"))
            freq[key] = freq.get(key, 0) + 1
    words = [[list(k), w] for k, w in freq.items() if len(k) >= 2]

    merges = []
    while len(merges) < num_merges:
        counts = {}
        for seq, w in words:
            for j in range(len(seq) - 1):
                p = (seq[j], seq[j + 1])
                counts[p] = counts.get(p, 0) + w
        if not counts:
            break
        best_pair, best_n = None, -1
        for p, n in counts.items():
            if n > best_n or (n == best_n and p < best_pair):
                best_pair, best_n = p, n
        new_id = 256 + len(merges)
        merges.append(best_pair)
        a, b = best_pair
        for item in words:
            seq = item[0]
            if len(seq) < 2:
                continue
            out = []
            j = 0
            while j < len(seq):
                if j + 1 < len(seq) and seq[j] == a and seq[j + 1] == b:
                    out.append(new_id)
                    j += 2
                else:
                    out.append(seq[j])
                    j += 1
            item[0] = out
    return merges
