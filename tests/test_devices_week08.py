"""第 8 周参考解答在 CPU 与 CUDA 上给出同样的结果 (没有 CUDA 时跳过)。

参考解答来自 source/ 的答案单元 (course.grading.reference); `GPT` 的答案单元里也给出了它用到的第 5 周的块。
输入在 CPU 上用带种子的生成器造出, 再原样搬到 GPU 上; 容差: 逐元素的运算 1e-6, 注意力和整个模型 1e-4。
"""
from __future__ import annotations

import os

import pytest
import torch
import torch.nn.functional as F
from torch import nn

from course.grading import reference

pytestmark = pytest.mark.skipif(not torch.cuda.is_available(), reason="没有 CUDA")


def rand(*shape, seed=0):
    return torch.randn(*shape, generator=torch.Generator().manual_seed(seed))


@pytest.fixture(autouse=True)
def no_tf32():
    old = torch.backends.cuda.matmul.allow_tf32
    torch.backends.cuda.matmul.allow_tf32 = False  # TF32 的 10 位尾数会让 1e-4 的容差失效
    yield
    torch.backends.cuda.matmul.allow_tf32 = old


def test_adamw_step():
    f = reference("adamw_step")
    args = [rand(5, 7, seed=s) for s in range(3)] + [rand(5, 7, seed=3).abs()]
    cpu = f(*args, 12, 1e-3, (0.8, 0.99), 1e-6, 0.1)
    gpu = f(*[a.cuda() for a in args], 12, 1e-3, (0.8, 0.99), 1e-6, 0.1)
    for c, g in zip(cpu, gpu):
        torch.testing.assert_close(g.cpu(), c, rtol=1e-6, atol=1e-6)


def test_gpt():
    GPT = reference("GPT")
    torch.manual_seed(0)
    model = GPT(50, 16, 32, 2, 4, 64).eval()
    idx = torch.randint(0, 50, (3, 16), generator=torch.Generator().manual_seed(1))
    with torch.no_grad():
        cpu = model(idx)
        gpu = model.cuda()(idx.cuda()).cpu()
    torch.testing.assert_close(gpu, cpu, rtol=1e-4, atol=1e-4)


def test_accumulate_gradients():
    f = reference("accumulate_gradients")
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(8, 16), nn.Tanh(), nn.Linear(16, 3))
    x, y = rand(10, 8, seed=2), torch.randint(0, 3, (10,), generator=torch.Generator().manual_seed(3))
    batches = [(x[:4], y[:4]), (x[4:], y[4:])]
    loss_cpu = f(model, F.cross_entropy, batches)
    grads_cpu = [p.grad.clone() for p in model.parameters()]
    model.cuda()
    loss_gpu = f(model, F.cross_entropy, [(a.cuda(), b.cuda()) for a, b in batches])
    assert abs(loss_gpu - loss_cpu) < 1e-5
    for p, g in zip(model.parameters(), grads_cpu):
        torch.testing.assert_close(p.grad.cpu(), g, rtol=1e-4, atol=1e-5)


def test_save_training_state_on_cuda(tmp_path):
    ns = reference("save_training_state").__globals__
    save, load = ns["save_training_state"], ns["load_training_state"]

    def run(model, opt, gen, steps):
        losses = []
        for _ in range(steps):
            x, y = torch.randn(8, 6, generator=gen).cuda(), torch.randint(0, 3, (8,), generator=gen).cuda()
            loss = F.cross_entropy(model(x), y)
            opt.zero_grad()
            loss.backward()
            opt.step()
            losses.append(loss.item())
        return losses

    def new(seed):
        torch.manual_seed(seed)
        model = nn.Sequential(nn.Linear(6, 16), nn.ReLU(), nn.Linear(16, 3)).cuda()
        return model, torch.optim.AdamW(model.parameters(), lr=0.01), torch.Generator().manual_seed(seed + 100)

    model, opt, gen = new(0)
    run(model, opt, gen, 3)
    save(os.fspath(tmp_path / "state.pt"), model, opt, 3, gen)
    straight = run(model, opt, gen, 4)
    model2, opt2, gen2 = new(1)
    assert load(os.fspath(tmp_path / "state.pt"), model2, opt2, gen2) == 3
    assert run(model2, opt2, gen2, 4) == straight


def test_cached_attention():
    f = reference("cached_attention")
    torch.manual_seed(0)
    attn = reference("GPT").__init__.__globals__["MultiHeadAttention"](32, 4)  # 给出的第 5 周的块
    x = rand(2, 9, 32, seed=4)
    with torch.no_grad():
        out_c, cache_c = f(attn, x[:, :6])
        out_c2, _ = f(attn, x[:, 6:], cache_c)
        attn.cuda()
        out_g, cache_g = f(attn, x[:, :6].cuda())
        out_g2, _ = f(attn, x[:, 6:].cuda(), cache_g)
    torch.testing.assert_close(out_g.cpu(), out_c, rtol=1e-4, atol=1e-4)
    torch.testing.assert_close(out_g2.cpu(), out_c2, rtol=1e-4, atol=1e-4)


def test_classifier_head_and_lora():
    head_cls, lora_cls = reference("ClassifierHead"), reference("LoRALinear")
    torch.manual_seed(0)
    head = head_cls(16, 2)
    hidden, lengths = rand(4, 7, 16, seed=5), torch.tensor([7, 1, 3, 5])
    lora = lora_cls(nn.Linear(16, 8), r=4, alpha=8.0)
    with torch.no_grad():
        lora.B.copy_(rand(8, 4, seed=6))
        x = rand(3, 16, seed=7)
        cpu = (head(hidden, lengths), lora(x), lora.merged()(x))
        head.cuda()
        lora.cuda()
        gpu = (head(hidden.cuda(), lengths.cuda()), lora(x.cuda()), lora.merged()(x.cuda()))
    for c, g in zip(cpu, gpu):
        torch.testing.assert_close(g.cpu(), c, rtol=1e-5, atol=1e-5)
