# bug[mutation]: 直接在调用者的句子上补 <s> 和 </s> (insert / append): 数得没错, 但语料被改掉了, 再数一次就错
from collections import Counter


def count_ngrams(sentences, n):
    counts = Counter()
    for sentence in sentences:
        for _ in range(n - 1):
            sentence.insert(0, "<s>")
        sentence.append("</s>")
        counts.update(zip(*(sentence[i:] for i in range(n))))
    return counts
