# bug[wrong-math]: 没有排除三个查询词, 答案常常就是 b 或 c 本身
import numpy as np


def analogy(E, vocab, a, b, c, topn=5):
    E = np.asarray(E, dtype=float)
    unit = E / np.linalg.norm(E, axis=1, keepdims=True)
    ix = {w: i for i, w in enumerate(vocab)}
    scores = unit @ (unit[ix[b]] - unit[ix[a]] + unit[ix[c]])
    order = sorted(range(len(scores)), key=lambda i: (-scores[i], i))
    return [(vocab[i], float(scores[i])) for i in order[:topn]]
