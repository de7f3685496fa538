# bug[order-dependence]: 对 set(词元) 只按次数做稳定排序: 次数相同的词元按集合的迭代顺序排列, 随 PYTHONHASHSEED 变化
from collections import Counter


def build_vocab(corpus, min_freq=1, specials=("<pad>", "<unk>")):
    counts = Counter(tok for sent in corpus for tok in sent)
    vocab = {}
    for tok in specials:
        vocab.setdefault(tok, len(vocab))
    for tok in sorted(set(counts), key=lambda t: -counts[t]):
        if counts[tok] >= min_freq and tok not in vocab:
            vocab[tok] = len(vocab)
    return vocab
