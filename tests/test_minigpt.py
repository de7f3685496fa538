"""course.minigpt 的单元测试: 形状、因果性、小批次过拟合、存取往返、CPU 与 CUDA 一致。"""
from __future__ import annotations

import pytest
import torch

from course.minigpt import MiniGPT, MiniGPTConfig, encode_stream, lm_loss, load, random_batch, save, train

VOCAB = ("<unk>", "<s>", "</s>", "的", "人", "民", "日", "报")


def tiny(seed: int = 0, **overrides) -> MiniGPT:
    torch.manual_seed(seed)
    cfg = dict(vocab_size=len(VOCAB), block_size=16, n_layer=2, n_head=2, d_model=16, d_ff=32)
    cfg.update(overrides)
    return MiniGPT(MiniGPTConfig(**cfg)).eval()


def test_forward_shape():
    model = tiny()
    idx = torch.randint(0, len(VOCAB), (3, 10), generator=torch.Generator().manual_seed(0))
    assert model(idx).shape == (3, 10, len(VOCAB))


def test_too_long_input_raises():
    with pytest.raises(ValueError):
        tiny()(torch.zeros(1, 17, dtype=torch.long))


def test_changing_a_future_token_never_changes_earlier_logits():
    model = tiny(1)
    idx = torch.randint(0, len(VOCAB), (2, 12), generator=torch.Generator().manual_seed(1))
    changed = idx.clone()
    changed[:, 7] = (changed[:, 7] + 1) % len(VOCAB)
    with torch.no_grad():
        a, b = model(idx), model(changed)
    torch.testing.assert_close(a[:, :7], b[:, :7], rtol=0, atol=1e-6)
    assert (a[:, 7:] - b[:, 7:]).abs().max() > 1e-4  # 改动之后的位置确实会变


def test_attention_weights_rows_sum_to_one_and_are_causal():
    model = tiny(2)
    w = model.attention_weights(torch.randint(0, len(VOCAB), (2, 9), generator=torch.Generator().manual_seed(2)))
    assert w.shape == (2, 2, 2, 9, 9)  # (L, B, nh, T, T)
    torch.testing.assert_close(w.sum(-1), torch.ones(2, 2, 2, 9), rtol=0, atol=1e-5)
    assert w.triu(1).abs().max() == 0


def test_encode_stream_and_random_batch():
    stream = encode_stream(["的人", "民"], VOCAB)
    assert stream.tolist() == [1, 3, 4, 2, 1, 5, 2]
    assert encode_stream(["龙"], VOCAB).tolist() == [1, 0, 2]  # 表外字记为 <unk>
    x, y = random_batch(torch.arange(100), 4, 8, torch.Generator().manual_seed(0))
    assert x.shape == y.shape == (4, 8)
    assert torch.equal(x[:, 1:], y[:, :-1])  # 目标是错开一位的输入
    x2, _ = random_batch(torch.arange(100), 4, 8, torch.Generator().manual_seed(0))
    assert torch.equal(x, x2)  # 同一个种子, 同一批


def test_loss_decreases_on_a_tiny_overfit_batch():
    model = tiny(3)
    stream = encode_stream(["的人民日报"] * 20, VOCAB)
    g = torch.Generator().manual_seed(3)
    x, y = random_batch(stream, 8, 16, g)
    with torch.no_grad():
        before = lm_loss(model(x), y).item()
    losses = train(model, stream, steps=30, batch_size=8, lr=1e-2, generator=g, progress=False)
    with torch.no_grad():
        after = lm_loss(model(x), y).item()
    assert len(losses) == 30
    assert after < 0.5 * before, (before, after)


def test_train_prints_progress_to_stdout_only(capsys):
    model = tiny(4)
    train(model, encode_stream(["的人民日报"] * 10, VOCAB), steps=2, batch_size=2,
          generator=torch.Generator().manual_seed(0))
    assert capsys.readouterr().err == ""


def test_save_load_round_trip(tmp_path):
    model = tiny(5, tie_weights=False)
    path = tmp_path / "minigpt.pt"
    save(model, path, VOCAB)
    loaded, vocab = load(path)
    assert vocab == VOCAB and loaded.config == model.config and not loaded.training
    idx = torch.randint(0, len(VOCAB), (2, 6), generator=torch.Generator().manual_seed(5))
    with torch.no_grad():
        torch.testing.assert_close(loaded(idx), model(idx), rtol=0, atol=0)


def test_tied_weights_survive_round_trip(tmp_path):
    model = tiny(6)
    save(model, tmp_path / "m.pt")
    loaded, vocab = load(tmp_path / "m.pt")
    assert vocab is None
    assert loaded.head.weight is loaded.tok_emb.weight


@pytest.mark.skipif(not torch.cuda.is_available(), reason="没有 CUDA")
def test_cpu_and_cuda_agree():
    model = tiny(7)
    idx = torch.randint(0, len(VOCAB), (2, 16), generator=torch.Generator().manual_seed(7))
    with torch.no_grad():
        cpu = model(idx)
        gpu = model.to("cuda")(idx.to("cuda")).cpu()
    torch.testing.assert_close(gpu, cpu, rtol=1e-4, atol=1e-4)
