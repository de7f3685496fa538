# bug[non-default-arg]: 返回个数写死成默认值 5, 忽略了参数 topn
import numpy as np


def analogy(E, vocab, a, b, c, topn=5):
    E = np.asarray(E, dtype=float)
    unit = E / np.linalg.norm(E, axis=1, keepdims=True)
    index = {w: i for i, w in enumerate(vocab)}
    ia, ib, ic = index[a], index[b], index[c]
    scores = unit @ (unit[ib] - unit[ia] + unit[ic])
    order = [i for i in sorted(range(len(scores)), key=lambda i: (-scores[i], i)) if i not in (ia, ib, ic)]
    return [(vocab[i], float(scores[i])) for i in order[:5]]
