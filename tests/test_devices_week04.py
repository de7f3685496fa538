"""第 4 周的参考解答在 CPU 和 CUDA 上给出相同的结果 (没有 CUDA 时跳过)。

每个参考解答 (course.grading.reference) 在同样的带种子输入上分别跑 CPU 和 CUDA, 比较结果。
用 float64, 容差 1e-9: GPU 上的矩阵乘法与归约顺序不同, 但 float64 下的差远小于它。
"""
from __future__ import annotations

import math

import pytest

torch = pytest.importorskip("torch")

from course.grading import assert_close, reference  # noqa: E402

pytestmark = pytest.mark.skipif(not torch.cuda.is_available(), reason="需要 CUDA (no CUDA device)")
TOL = 1e-9  # float64, CPU 与 CUDA 之间


def _randn(g, *shape):
    return torch.randn(*shape, generator=g, dtype=torch.float64)


def _seeded_module(cls, args, seed):
    g = torch.Generator().manual_seed(seed)
    module = cls(*args).double()
    with torch.no_grad():
        for p in module.parameters():
            p.copy_(0.7 * _randn(g, *p.shape))
    return module, g


def _on(x, device):
    return [t.to(device) for t in x]


def test_rnn_cell_cpu_vs_cuda():
    g = torch.Generator().manual_seed(0)
    args = [_randn(g, 4, 3), _randn(g, 4, 5), _randn(g, 3, 5), _randn(g, 5, 5), _randn(g, 5)]
    fn = reference("rnn_cell")
    assert_close(fn(*_on(args, "cuda")), fn(*args), rtol=TOL, atol=TOL, what="rnn_cell CUDA vs CPU")


def test_lstm_cell_cpu_vs_cuda():
    g = torch.Generator().manual_seed(1)
    args = [_randn(g, 4, 3), _randn(g, 4, 5), _randn(g, 4, 5), _randn(g, 3, 20), _randn(g, 5, 20), _randn(g, 20)]
    fn = reference("lstm_cell")
    assert_close(list(fn(*_on(args, "cuda"))), list(fn(*args)), rtol=TOL, atol=TOL, what="lstm_cell CUDA vs CPU")


@pytest.mark.parametrize("gid, args, input_shape", [("FFNNLM", (11, 3, 4, 6), (5, 3)), ("RNNLM", (11, 4, 6), (3, 7))])
def test_models_cpu_vs_cuda(gid, args, input_shape):
    module, g = _seeded_module(reference(gid), args, seed=2)
    x = torch.randint(0, args[0], input_shape, generator=g)
    cpu = module(x)
    cuda = module.to("cuda")(x.to("cuda"))
    to_list = (lambda out: list(out)) if isinstance(cpu, tuple) else (lambda out: out)
    assert_close(to_list(cuda), to_list(cpu), rtol=TOL, atol=TOL, what=f"{gid} CUDA vs CPU")


def test_clip_grad_norm_cpu_vs_cuda():
    fn = reference("clip_grad_norm")
    results = {}
    for device in ("cpu", "cuda"):
        params = []
        for shape in [(3, 4), (4,), (2, 2, 2)]:
            p = torch.zeros(shape, dtype=torch.float64, device=device, requires_grad=True)
            p.grad = (5.0 * _randn(torch.Generator().manual_seed(len(params)), *shape)).to(device)
            params.append(p)
        norm = fn(iter(params), 1.0)
        results[device] = [float(norm)] + [p.grad for p in params]
    assert_close(results["cuda"], results["cpu"], rtol=TOL, atol=TOL, what="clip_grad_norm CUDA vs CPU")


def test_evaluate_perplexity_cpu_vs_cuda():
    module, g = _seeded_module(reference("RNNLM"), (9, 3, 5), seed=4)
    batches = [torch.randint(2, 9, (b, 6), generator=g) for b in (3, 1, 4)]
    for batch in batches:
        batch[:, 0] = 1
        batch[0, 4:] = 0  # 补齐
    fn = reference("evaluate_perplexity")
    cpu = fn(module, batches, 0)
    cuda = fn(module.to("cuda"), [b.to("cuda") for b in batches], 0)
    assert math.isfinite(cpu)
    assert_close(cuda, cpu, rtol=TOL, what="evaluate_perplexity CUDA vs CPU")
