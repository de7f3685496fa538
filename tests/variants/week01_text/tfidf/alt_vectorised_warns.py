import numpy as np


def tfidf(docs):
    """全向量化: np.unique 编号 + np.add.at 计数。空文档那一行是 0/0,
    numpy 会发出 RuntimeWarning (invalid value), 再由 np.where 换成 0——结果正确, 警告不应扣分。"""
    flat = [tok for doc in docs for tok in doc]
    vocab, cols = np.unique(np.array(flat, dtype=object), return_inverse=True)   # 排好序的词元
    rows = np.repeat(np.arange(len(docs)), [len(doc) for doc in docs])
    tf = np.zeros((len(docs), len(vocab)))                                        # (n, |V|)
    np.add.at(tf, (rows, cols.ravel()), 1.0)
    df = np.count_nonzero(tf, axis=0)                                             # (|V|,)
    weights = tf * (np.log((len(docs) + 1) / (df + 1)) + 1)                       # (n, |V|)
    norms = np.sqrt((weights ** 2).sum(axis=1, keepdims=True))                    # (n, 1)
    return np.where(norms > 0, weights / norms, 0.0)
