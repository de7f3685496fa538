# bug[wrong-math]: 没有先归一化就相加 e_b - e_a + e_c, 再和各词算余弦: 长向量主导了目标方向
import numpy as np


def analogy(E, vocab, a, b, c, topn=5):
    E = np.asarray(E, dtype=float)
    ix = {w: i for i, w in enumerate(vocab)}
    target = E[ix[b]] - E[ix[a]] + E[ix[c]]
    scores = (E @ target) / (np.linalg.norm(E, axis=1) * np.linalg.norm(target))
    banned = {ix[a], ix[b], ix[c]}
    order = [i for i in sorted(range(len(scores)), key=lambda i: (-scores[i], i)) if i not in banned]
    return [(vocab[i], float(scores[i])) for i in order[:topn]]
