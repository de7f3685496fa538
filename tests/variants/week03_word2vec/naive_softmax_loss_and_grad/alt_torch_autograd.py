# 正确: 交给 PyTorch 的自动求导 (float64), 用 log_softmax 保证数值稳定, 再转回 numpy
import numpy as np
import torch


def naive_softmax_loss_and_grad(v_c, o, U):
    v = torch.tensor(np.asarray(v_c, dtype=float), requires_grad=True)
    W = torch.tensor(np.asarray(U, dtype=float), requires_grad=True)
    loss = -torch.log_softmax(W @ v, dim=0)[o]
    loss.backward()
    return float(loss), v.grad.numpy(), W.grad.numpy()
