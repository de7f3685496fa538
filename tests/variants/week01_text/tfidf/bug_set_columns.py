# bug[order-dependence]: 列直接用 list(set(词元)), 没有排序: 列的顺序随集合的迭代顺序 (PYTHONHASHSEED) 变化
import numpy as np


def tfidf(docs):
    vocab = list({tok for doc in docs for tok in doc})
    column = {tok: j for j, tok in enumerate(vocab)}
    tf = np.zeros((len(docs), len(vocab)))
    for i, doc in enumerate(docs):
        for tok in doc:
            tf[i, column[tok]] += 1
    df = (tf > 0).sum(axis=0)
    idf = np.log((1 + len(docs)) / (1 + df)) + 1
    weights = tf * idf
    norms = np.linalg.norm(weights, axis=1, keepdims=True)
    return np.divide(weights, norms, out=np.zeros_like(weights), where=norms > 0)
