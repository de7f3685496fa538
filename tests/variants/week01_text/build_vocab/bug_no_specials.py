# bug[non-default-arg]: 忘了加特殊符号 (忽略参数 specials), 词表从普通词元开始编号
from collections import Counter


def build_vocab(corpus, min_freq=1, specials=("<pad>", "<unk>")):
    counts = Counter(tok for sent in corpus for tok in sent)
    vocab = {}
    for tok, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        if count >= min_freq:
            vocab[tok] = len(vocab)
    return vocab
