# bug[wrong-math]: 最低频次用了严格大于 (count > min_freq), 恰好出现 min_freq 次的词被丢掉
from collections import Counter


def build_vocab(corpus, min_freq=1, specials=("<pad>", "<unk>")):
    counts = Counter(tok for sent in corpus for tok in sent)
    vocab = {tok: i for i, tok in enumerate(specials)}
    for tok, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        if count > min_freq and tok not in vocab:
            vocab[tok] = len(vocab)
    return vocab
