"""第 6 周参考解答在 CPU 与 CUDA 上给出同样的结果 (没有 CUDA 时跳过)。

参考解答来自 source/ 的答案单元 (course.grading.reference); 输入在 CPU 上用带种子的生成器造出, 再原样搬到 GPU 上。
容差: 温度缩放 1e-6 (一次除法); top-k / top-p 的保留集合与保留的值必须完全相同 (输入与边界相距远大于浮点误差);
贪心 / 束搜索的续写必须相同, 得分 1e-6; 采样只检查 GPU 上的结果合法 (CUDA 生成器的随机数序列与 CPU 不同)。
"""
from __future__ import annotations

import math

import pytest
import torch

from course.grading import reference

pytestmark = pytest.mark.skipif(not torch.cuda.is_available(), reason="没有 CUDA")


def rand(*shape, seed=0):
    return torch.randn(*shape, generator=torch.Generator().manual_seed(seed), dtype=torch.float64)


def test_apply_temperature():
    f, x = reference("apply_temperature"), rand(4, 50, seed=1)
    torch.testing.assert_close(f(x.cuda(), 0.7).cpu(), f(x, 0.7), rtol=1e-6, atol=1e-6)


@pytest.mark.parametrize("name,arg", [("top_k_filter", 7), ("top_p_filter", 0.8)])
def test_filters(name, arg):
    f = reference(name)
    x = 2 * rand(6, 300, seed=2)
    ties = torch.randint(0, 3, (6, 40), generator=torch.Generator().manual_seed(3)).double()
    for inp in (x, ties):
        assert torch.equal(f(inp.cuda(), arg).cpu(), f(inp, arg))


def _lm(V, device):
    def next_logprobs(seq):
        g = torch.Generator().manual_seed(hash(tuple(seq)) & 0x7FFFFFFF)
        return torch.log_softmax(1.5 * torch.randn(V, generator=g, dtype=torch.float64), -1).to(device)
    return next_logprobs


def test_greedy_and_beam():
    greedy, beam = reference("greedy_decode"), reference("beam_search")
    assert greedy(_lm(20, "cuda"), (1, 2), 8, 0) == greedy(_lm(20, "cpu"), (1, 2), 8, 0)
    t_gpu, s_gpu = beam(_lm(20, "cuda"), (1,), 3, 8, 0, 1.0)
    t_cpu, s_cpu = beam(_lm(20, "cpu"), (1,), 3, 8, 0, 1.0)
    assert t_gpu == t_cpu and math.isclose(s_gpu, s_cpu, rel_tol=1e-6)


def test_sample_next():
    f = reference("sample_next")
    logits = rand(1000, 30, seed=4)
    logits[:, 5] = -math.inf
    out = f(logits.cuda(), torch.Generator(device="cuda").manual_seed(0))
    assert out.shape == (1000,) and out.dtype == torch.long and out.device.type == "cuda"
    assert int((out == 5).sum()) == 0 and 0 <= int(out.min()) and int(out.max()) < 30
