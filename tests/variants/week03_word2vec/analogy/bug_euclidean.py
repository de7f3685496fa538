# bug[wrong-math]: 用欧氏距离找离 e_b - e_a + e_c 最近的词 (未归一化), 得分取负距离
import numpy as np


def analogy(E, vocab, a, b, c, topn=5):
    E = np.asarray(E, dtype=float)
    ix = {w: i for i, w in enumerate(vocab)}
    target = E[ix[b]] - E[ix[a]] + E[ix[c]]
    scores = -np.linalg.norm(E - target, axis=1)
    banned = {ix[a], ix[b], ix[c]}
    order = [i for i in sorted(range(len(scores)), key=lambda i: (-scores[i], i)) if i not in banned]
    return [(vocab[i], float(scores[i])) for i in order[:topn]]
