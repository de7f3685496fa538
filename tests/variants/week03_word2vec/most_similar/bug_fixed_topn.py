# bug[non-default-arg]: 返回个数写死成默认值 10, 忽略了参数 topn
import numpy as np


def most_similar(E, vocab, word, topn=10):
    E = np.asarray(E, dtype=float)
    unit = E / np.linalg.norm(E, axis=1, keepdims=True)
    q = list(vocab).index(word)
    sims = unit @ unit[q]
    order = [i for i in sorted(range(len(sims)), key=lambda i: (-sims[i], i)) if i != q]
    return [(vocab[i], float(sims[i])) for i in order[:10]]
