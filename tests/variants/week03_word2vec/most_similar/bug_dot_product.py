# bug[wrong-math]: 只把查询向量归一化, 其余的行没有归一化, 长向量 (高频词) 占了便宜
import numpy as np


def most_similar(E, vocab, word, topn=10):
    E = np.asarray(E, dtype=float)
    q = list(vocab).index(word)
    sims = E @ (E[q] / np.linalg.norm(E[q]))
    order = [i for i in sorted(range(len(sims)), key=lambda i: (-sims[i], i)) if i != q]
    return [(vocab[i], float(sims[i])) for i in order[:topn]]
