# bug[wrong-math]: 语料里出现和特殊符号相同的词元时又赋了一次编号, 覆盖了特殊符号原来的编号
from collections import Counter


def build_vocab(corpus, min_freq=1, specials=("<pad>", "<unk>")):
    counts = Counter(tok for sent in corpus for tok in sent)
    vocab = {tok: i for i, tok in enumerate(specials)}
    for tok, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        if count >= min_freq:
            vocab[tok] = len(vocab)
    return vocab
