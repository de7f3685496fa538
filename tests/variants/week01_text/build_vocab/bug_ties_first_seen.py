# bug[order-dependence]: 用 Counter.most_common() 排序, 次数相同的词按第一次出现的顺序排列, 而不是按字符串排序
from collections import Counter


def build_vocab(corpus, min_freq=1, specials=("<pad>", "<unk>")):
    counts = Counter(tok for sent in corpus for tok in sent)
    vocab = {tok: i for i, tok in enumerate(specials)}
    for tok, count in counts.most_common():
        if count >= min_freq and tok not in vocab:
            vocab[tok] = len(vocab)
    return vocab
