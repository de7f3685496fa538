"""第 5 周参考解答在 CPU 与 CUDA 上给出同样的结果 (没有 CUDA 时跳过)。

参考解答来自 source/ 的答案单元 (course.grading.reference), 输入在 CPU 上用带种子的生成器造出,
再原样搬到 GPU 上; 容差按运算选: 注意力 1e-5 (float32, GPU 上可能用 TF32 以外的不同归约顺序), 整个块 1e-4。
"""
from __future__ import annotations

import pytest
import torch

from course.grading import reference

pytestmark = pytest.mark.skipif(not torch.cuda.is_available(), reason="没有 CUDA")


def rand(*shape, seed=0):
    return torch.randn(*shape, generator=torch.Generator().manual_seed(seed))


@pytest.fixture(autouse=True)
def no_tf32():
    old = torch.backends.cuda.matmul.allow_tf32
    torch.backends.cuda.matmul.allow_tf32 = False  # TF32 的 10 位尾数会让 1e-5 的容差失效
    yield
    torch.backends.cuda.matmul.allow_tf32 = old


def test_scaled_dot_product_attention():
    f, mask = reference("scaled_dot_product_attention"), reference("causal_mask")(7)
    q, k, v = rand(2, 4, 7, 16, seed=1), rand(2, 4, 7, 16, seed=2), rand(2, 4, 7, 8, seed=3)
    out, w = f(q, k, v, mask)
    out_g, w_g = f(q.cuda(), k.cuda(), v.cuda(), mask.cuda())
    torch.testing.assert_close(out_g.cpu(), out, rtol=1e-5, atol=1e-5)
    torch.testing.assert_close(w_g.cpu(), w, rtol=1e-5, atol=1e-5)


def test_causal_mask():
    f = reference("causal_mask")
    assert torch.equal(f(9).cuda().cpu(), f(9))


def test_positional_encoding():
    pe = reference("positional_encoding")(64, 128)
    assert torch.equal(pe.cuda().cpu(), pe)


def test_layer_norm():
    f = reference("layer_norm")
    x, g, b = rand(3, 5, 32, seed=4), rand(32, seed=5), rand(32, seed=6)
    torch.testing.assert_close(f(x.cuda(), g.cuda(), b.cuda()).cpu(), f(x, g, b), rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize("name", ["MultiHeadAttention", "TransformerBlock"])
def test_modules(name):
    cls, mask = reference(name), reference("causal_mask")(10)
    torch.manual_seed(0)
    module = (cls(32, 4) if name == "MultiHeadAttention" else cls(32, 4, 128)).eval()
    x = rand(2, 10, 32, seed=7)
    with torch.no_grad():
        cpu = module(x, mask)
        gpu = module.cuda()(x.cuda(), mask.cuda()).cpu()
    torch.testing.assert_close(gpu, cpu, rtol=1e-4, atol=1e-4)


def test_count_parameters():
    f, block = reference("count_parameters"), reference("TransformerBlock")(32, 4, 128)
    n = f(block)
    assert f(block.cuda()) == n == 12 * 32 * 32 + 13 * 32  # 12d² + 13d (d_ff = 4d)
