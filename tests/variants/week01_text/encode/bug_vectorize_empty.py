# bug[edge-shape]: 用 np.vectorize 逐个查表: 空的词元列表上 np.vectorize 抛 ValueError (没有给 otypes)
import numpy as np


def encode(tokens, vocab, unk="<unk>"):
    unk_id = vocab[unk]
    return np.vectorize(lambda tok: vocab.get(tok, unk_id))(tokens).tolist()
