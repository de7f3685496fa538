# 正确: 把正样本和噪声词叠成一个 (K+1,) 的分类问题, 标签 (1, 0, …, 0); 梯度系数统一写成 σ(s) - label,
# 用 np.bincount 按词号累加, 稳定的 σ 用 np.where 分两支
import numpy as np


def neg_sampling_loss_and_grad(v_c, o, U, noise_ids):
    v_c, U = np.asarray(v_c, float), np.asarray(U, float)
    ids = np.concatenate([[o], np.asarray(noise_ids, int).ravel()])       # (K+1,)
    labels = np.zeros(len(ids))
    labels[0] = 1.0
    s = U[ids] @ v_c                                                      # (K+1,)
    signed = np.where(labels == 1.0, s, -s)
    loss = float(np.sum(np.logaddexp(0.0, -signed)))                      # Σ -ln σ(±s)
    e = np.exp(-np.abs(s))
    sig = np.where(s >= 0, 1.0 / (1.0 + e), e / (1.0 + e))                # 稳定的 σ(s)
    coef = sig - labels                                                   # (K+1,)
    grad_v = coef @ U[ids]
    per_word = np.bincount(ids, weights=coef, minlength=len(U))           # (|V|,) 同一词号累加
    return loss, grad_v, np.outer(per_word, v_c)
