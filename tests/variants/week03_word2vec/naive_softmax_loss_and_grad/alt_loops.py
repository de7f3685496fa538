# 正确: 纯 Python 循环, 手写 log-sum-exp (先减最大值), 逐行累加梯度
import math

import numpy as np


def naive_softmax_loss_and_grad(v_c, o, U):
    V, d = len(U), len(v_c)
    scores = [sum(float(U[w][k]) * float(v_c[k]) for k in range(d)) for w in range(V)]
    m = max(scores)
    total = sum(math.exp(s - m) for s in scores)
    log_z = m + math.log(total)
    probs = [math.exp(s - log_z) for s in scores]
    grad_v = [0.0] * d
    grad_U = np.zeros((V, d))
    for w in range(V):
        coef = probs[w] - (1.0 if w == o else 0.0)
        for k in range(d):
            grad_v[k] += coef * float(U[w][k])
            grad_U[w, k] = coef * float(v_c[k])
    return log_z - scores[o], np.array(grad_v), grad_U
