# bug[stale-state]: 把词表写成可变的默认参数 vocab={}: 每次调用都往同一个字典里加, 第二次调用带着上一次的词元
from collections import Counter


def build_vocab(corpus, min_freq=1, specials=("<pad>", "<unk>"), vocab={}):
    counts = Counter(tok for sent in corpus for tok in sent)
    for tok in specials:
        vocab.setdefault(tok, len(vocab))
    for tok, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        if count >= min_freq and tok not in vocab:
            vocab[tok] = len(vocab)
    return dict(vocab)
