"""第 3 周的参考实现在 CPU 与 CUDA 上一致 (只在有 CUDA 时运行)。

- notebook 里的 PyTorch 跳字模型 (SkipGramNS): 同样的权重与词号, 损失和稀疏梯度在 CPU 与 GPU 上一致
  (float32, rtol=1e-5, atol=1e-6: 只有求和顺序不同);
- 手写 SGD 的一步更新之后, 两边的权重仍一致 (同样的容差);
- numpy 参考解答 (朴素 softmax、负采样的损失与梯度) 与同一公式在 CUDA 上的 torch float64 版本一致 (rtol=1e-9)。
"""
from __future__ import annotations

import numpy as np
import pytest
import torch

from bench.word2vec import load_reference
from course.grading import reference

pytestmark = pytest.mark.skipif(not torch.cuda.is_available(), reason="需要 CUDA / needs CUDA")


def _batch(vocab_size=50, batch=64, k=5, seed=0):
    g = torch.Generator().manual_seed(seed)
    centre = torch.randint(0, vocab_size, (batch,), generator=g)
    outside = torch.randint(0, vocab_size, (batch,), generator=g)
    noise = torch.randint(0, vocab_size, (batch, k), generator=g)  # 故意含重复
    return centre, outside, noise


def _model(device, vocab_size=50, dim=16):
    ref = load_reference()
    model = ref["SkipGramNS"](vocab_size, dim, torch.Generator().manual_seed(0))
    with torch.no_grad():  # 上下文向量默认全零; 换成随机值, 让梯度不平凡
        model.outside.weight.copy_(torch.randn(vocab_size, dim, generator=torch.Generator().manual_seed(1)) * 0.5)
        model.centre.weight.mul_(40)
    return model.to(device)


def test_skipgram_loss_and_grads_agree_on_cpu_and_cuda():
    losses, grads = {}, {}
    for dev in ("cpu", "cuda"):
        model = _model(dev)
        c, o, n = (t.to(dev) for t in _batch())
        loss = model(c, o, n)
        loss.backward()
        losses[dev] = loss.item()
        grads[dev] = [p.grad.to_dense().cpu() for p in model.parameters()]
    assert losses["cpu"] == pytest.approx(losses["cuda"], rel=1e-5)
    for g_cpu, g_cuda in zip(grads["cpu"], grads["cuda"]):
        torch.testing.assert_close(g_cuda, g_cpu, rtol=1e-5, atol=1e-6)


def test_one_sgd_step_agrees_on_cpu_and_cuda():
    weights = {}
    for dev in ("cpu", "cuda"):
        model = _model(dev)
        c, o, n = (t.to(dev) for t in _batch(seed=3))
        model(c, o, n).backward()
        with torch.no_grad():  # 与 notebook 的 train_sgns 相同的手写 SGD
            for p in model.parameters():
                p.add_(p.grad, alpha=-0.025)
        weights[dev] = [p.detach().cpu() for p in model.parameters()]
    for w_cpu, w_cuda in zip(weights["cpu"], weights["cuda"]):
        torch.testing.assert_close(w_cuda, w_cpu, rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_numpy_references_match_torch_on_cuda(seed):
    rng = np.random.default_rng(seed)
    V, d, K = 9, 4, 6
    v_c, U, o = rng.normal(size=d) * 3, rng.normal(size=(V, d)) * 3, int(rng.integers(0, V))
    noise = [int(i) for i in rng.integers(0, V, size=K)]
    for name in ("naive_softmax_loss_and_grad", "neg_sampling_loss_and_grad"):
        v = torch.tensor(v_c, dtype=torch.float64, device="cuda", requires_grad=True)
        W = torch.tensor(U, dtype=torch.float64, device="cuda", requires_grad=True)
        if name == "naive_softmax_loss_and_grad":
            expected = reference(name)(v_c, o, U)
            loss = -torch.log_softmax(W @ v, dim=0)[o]
        else:
            expected = reference(name)(v_c, o, U, noise)
            neg = W[torch.tensor(noise, device="cuda")] @ v
            loss = -torch.nn.functional.logsigmoid(W[o] @ v) - torch.nn.functional.logsigmoid(-neg).sum()
        loss.backward()
        np.testing.assert_allclose(expected[0], loss.item(), rtol=1e-9)
        np.testing.assert_allclose(expected[1], v.grad.cpu().numpy(), rtol=1e-9, atol=1e-12)
        np.testing.assert_allclose(expected[2], W.grad.cpu().numpy(), rtol=1e-9, atol=1e-12)
