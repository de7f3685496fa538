# bug[mutation]: 先把每篇文档原地排序 (doc.sort()), 让相同的词元挨在一起再数 —— 调用者的文档被打乱了
import numpy as np


def tfidf(docs):
    for doc in docs:
        doc.sort()
    vocab = sorted({tok for doc in docs for tok in doc})
    column = {tok: j for j, tok in enumerate(vocab)}
    tf = np.zeros((len(docs), len(vocab)))
    for i, doc in enumerate(docs):
        j = 0
        while j < len(doc):
            k = j
            while k < len(doc) and doc[k] == doc[j]:
                k += 1
            tf[i, column[doc[j]]] = k - j
            j = k
    df = (tf > 0).sum(axis=0)
    idf = np.log((1 + len(docs)) / (1 + df)) + 1
    weights = tf * idf
    norms = np.linalg.norm(weights, axis=1, keepdims=True)
    return np.divide(weights, norms, out=np.zeros_like(weights), where=norms > 0)
