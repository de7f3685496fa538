"""唯一的困惑度协议 (course/perplexity.py)、线程数, 以及随附检查点与阶梯的一致性。"""
from __future__ import annotations

import json
import math
import random
import shutil

import pytest
import torch

from course import checkpoints, perplexity as P
from course.data import char_vocabulary
from course.device import set_cpu_threads
from course.grading import reference
from course.minigpt import IGNORE_INDEX, random_batch


def test_formula_equals_week02_reference():
    rng = random.Random(0)
    lines = [["字"] * rng.randrange(0, 9) for _ in range(30)]
    lps = [-rng.uniform(0, 40) for _ in lines]
    it = iter(lps)
    assert P.perplexity(lines, lps) == pytest.approx(reference("perplexity")(lines, lambda s: next(it)), rel=1e-12)
    assert P.perplexity([["a"], ["b"]], [-1.0, -math.inf]) == math.inf
    with pytest.raises(ValueError):
        P.perplexity([["a"]], [])


def test_subset_is_the_documented_one():
    full, sub = P.test_lines(), P.eval_subset()
    assert sub == full[::P.SUBSET_EVERY] and len(sub) == 203
    assert P.n_targets(full) == 192_972 and P.n_targets(sub) == 20_505


def _uniform_plus_bos(inputs):
    """所有字等概率, 但 <s> 的 logit 很大: 协议会把它屏蔽。"""
    logits = torch.zeros(*inputs.shape, len(char_vocabulary()))
    logits[..., P.BOS_ID] = 50.0
    return logits


def test_bos_is_masked_and_uniform_is_V():
    V = len(char_vocabulary()) - 1
    assert V == 4038
    assert P.model_perplexity(_uniform_plus_bos, P.eval_subset()[:20]) == pytest.approx(V, rel=1e-6)  # float32 的 log_softmax


def test_token_logprobs_lengths_and_order_are_kept():
    lines = [list("人民日报"), [], list("的")]
    out = P.token_logprobs(_uniform_plus_bos, lines)
    assert [len(a) for a in out] == [5, 1, 2]


def test_sliding_logits_equals_full_when_context_is_local():
    torch.manual_seed(0)
    table = torch.randn(50, 50)

    def bigram(x):  # 只看当前词元: 滑动窗口与整行一次算完必须一样
        return table[x]

    x = torch.randint(0, 50, (3, 37))
    torch.testing.assert_close(P.sliding_logits(bigram, x, 8), bigram(x))


def test_random_batch_never_targets_bos():
    stream = torch.tensor([1, 5, 6, 2] * 50)
    _, y = random_batch(stream, 16, 12, torch.Generator().manual_seed(0))
    assert (y == 1).sum() == 0 and (y == IGNORE_INDEX).sum() > 0


def test_thread_count_is_fixed_once_for_all_weeks(monkeypatch):
    before = torch.get_num_threads()
    try:
        monkeypatch.setenv("COURSE_THREADS", "1")
        assert set_cpu_threads() == 1
        with pytest.raises(ValueError):
            set_cpu_threads(0)
    finally:
        torch.set_num_threads(before)


def test_checkpoint_refuses_a_changed_file(tmp_path, monkeypatch):
    weights, card = checkpoints.paths()
    shutil.copy(weights, tmp_path / weights.name)
    shutil.copy(card, tmp_path / card.name)
    monkeypatch.setattr(checkpoints, "CHECKPOINT_DIR", tmp_path)
    checkpoints.load_checkpoint()  # 原样: 能读
    data = bytearray((tmp_path / weights.name).read_bytes())
    data[-100] ^= 0xFF
    (tmp_path / weights.name).write_bytes(bytes(data))
    with pytest.raises(checkpoints.CheckpointError, match="sha256"):
        checkpoints.load_checkpoint()


def test_checkpoint_card_matches_a_fresh_evaluation_and_the_ladder():
    """卡片上的子集困惑度 = 重新加载 fp16 权重后按协议算出的数 = 阶梯里检查点那一行。"""
    model, vocab, card = checkpoints.load_checkpoint()
    assert card["steps"] >= 1000, "随附的检查点必须是 make checkpoints 的正式产物, 不是冒烟测试"
    assert card["sha256"] == checkpoints.sha256(checkpoints.paths()[0])
    assert len(vocab) == len(char_vocabulary())
    fresh = P.model_perplexity(lambda x: P.sliding_logits(model, x, model.config.block_size), P.eval_subset())
    assert fresh == pytest.approx(card["perplexity"]["subset"], abs=0.01)
    rows = json.loads(P.LADDER_JSON.read_text(encoding="utf-8"))["rows"]
    row = next(r for r in rows if r["model"] == "迷你 GPT (课程检查点)" and r["device"] == "cpu")
    assert row["perplexity"] == pytest.approx(card["perplexity"]["test"], abs=0.01)
    assert row["perplexity_subset"] == pytest.approx(card["perplexity"]["subset"], abs=0.01)


def test_sliding_windows_do_not_depend_on_the_batch():
    """同一行单独算与和更长的行一起算, 结果相同 (窗口只由位置决定)。"""
    torch.manual_seed(1)
    emb = torch.randn(50, 8)

    def prefix_mean(x):  # 每个位置看它窗口里全部前文的平均: 结果依赖窗口从哪里开始
        e = emb[x]
        return (e.cumsum(1) / torch.arange(1, x.shape[1] + 1)[:, None]) @ emb.T

    short = torch.randint(0, 50, (1, 23))
    long = torch.cat([short, torch.randint(0, 50, (1, 40))], dim=1)
    padded_short = torch.nn.functional.pad(short, (0, long.shape[1] - 23), value=P.EOS_ID)
    batch = P.sliding_logits(prefix_mean, torch.cat([padded_short, long], 0), 8)  # 与长行同一批, 右边补 </s>
    alone = P.sliding_logits(prefix_mean, short, 8)
    torch.testing.assert_close(alone[0], batch[0, :23])
    torch.testing.assert_close(alone[0], batch[1, :23])  # 前缀相同的长行, 前 23 个位置也一样
