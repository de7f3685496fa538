# bug[wrong-math]: 方向反了, 算成了 e_a - e_b + e_c
import numpy as np


def analogy(E, vocab, a, b, c, topn=5):
    E = np.asarray(E, dtype=float)
    unit = E / np.linalg.norm(E, axis=1, keepdims=True)
    ix = {w: i for i, w in enumerate(vocab)}
    scores = unit @ (unit[ix[a]] - unit[ix[b]] + unit[ix[c]])
    banned = {ix[a], ix[b], ix[c]}
    order = [i for i in sorted(range(len(scores)), key=lambda i: (-scores[i], i)) if i not in banned]
    return [(vocab[i], float(scores[i])) for i in order[:topn]]
