# bug[wrong-math]: 忘了除以范数, 返回的只是点积
import numpy as np


def cosine_similarity(a, b):
    return float(np.dot(np.asarray(a, float), np.asarray(b, float)))
