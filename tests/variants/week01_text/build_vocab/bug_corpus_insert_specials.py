# bug[mutation]: 把特殊符号当作一句话插到语料最前面再一起计数 —— 调用者的语料多出了一句
from collections import Counter


def build_vocab(corpus, min_freq=1, specials=("<pad>", "<unk>")):
    corpus.insert(0, list(specials))
    counts = Counter(tok for sent in corpus for tok in sent)
    vocab = {}
    for tok in specials:
        vocab.setdefault(tok, len(vocab))
    for tok, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        if tok not in vocab and count >= min_freq:
            vocab[tok] = len(vocab)
    return vocab
