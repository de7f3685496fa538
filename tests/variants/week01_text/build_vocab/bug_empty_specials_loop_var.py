# bug[edge-shape]: 用循环变量算下一个编号 (next_id = i + 1): specials 为空时循环一次都不执行, 抛 NameError
from collections import Counter


def build_vocab(corpus, min_freq=1, specials=("<pad>", "<unk>")):
    counts = Counter(tok for sent in corpus for tok in sent)
    vocab = {}
    for i, tok in enumerate(specials):
        vocab[tok] = i
    next_id = i + 1
    for tok, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        if count >= min_freq and tok not in vocab:
            vocab[tok] = next_id
            next_id += 1
    return vocab
