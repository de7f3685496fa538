# bug[edge-shape]: 直接除以 L2 范数, 没处理空文档: 它的范数是 0, 0/0 得到一行 nan 而不是全 0
import numpy as np


def tfidf(docs):
    vocab = sorted({tok for doc in docs for tok in doc})
    column = {tok: j for j, tok in enumerate(vocab)}
    tf = np.zeros((len(docs), len(vocab)))
    for i, doc in enumerate(docs):
        for tok in doc:
            tf[i, column[tok]] += 1
    df = (tf > 0).sum(axis=0)
    idf = np.log((1 + len(docs)) / (1 + df)) + 1
    weights = tf * idf
    return weights / np.linalg.norm(weights, axis=1, keepdims=True)
