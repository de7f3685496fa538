# bug[wrong-math]: 对数用了以 10 为底 (np.log10), 而不是自然对数
import numpy as np


def tfidf(docs):
    vocab = sorted({tok for doc in docs for tok in doc})
    column = {tok: j for j, tok in enumerate(vocab)}
    tf = np.zeros((len(docs), len(vocab)))
    for i, doc in enumerate(docs):
        for tok in doc:
            tf[i, column[tok]] += 1
    df = (tf > 0).sum(axis=0)
    idf = np.log10((1 + len(docs)) / (1 + df)) + 1
    weights = tf * idf
    norms = np.linalg.norm(weights, axis=1, keepdims=True)
    return np.divide(weights, norms, out=np.zeros_like(weights), where=norms > 0)
