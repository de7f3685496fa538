"""bench/ladder.py 的快速单元测试: 插值 Kneser-Ney 与所有模型共用的困惑度评估。"""
from __future__ import annotations

import itertools
import math

import numpy as np
import pytest

from bench.ladder import KneserNey, corpus_perplexity, gather_counts, ngram_tables, score_lines

VOCAB = ("<unk>", "<s>", "</s>", "a", "b", "c")  # 可预测的 V = 5 个 (不含 <s>)


def test_kn_normalises_for_every_history_on_a_random_corpus():
    rng = np.random.default_rng(0)
    corpus = [[str(w) for w in rng.choice(["a", "b", "c", "<unk>"], size=int(rng.integers(0, 9)))]
              for _ in range(30)]
    for n in (1, 2, 3, 4):
        kn = KneserNey(corpus, n, VOCAB)
        histories = list(itertools.product(["<s>", "a", "b", "c", "<unk>", "</s>"], repeat=n - 1))
        sums = kn.check_normalised(histories)
        assert np.allclose(sums, 1.0, atol=1e-12)
        assert all(kn.prob(h + (w,)) > 0 for h in histories for w in kn.words)


def test_kn_hand_checked_bigram():
    # 语料 "a b" 与 "a c", D = 0.75, |V| = 5 (a b c </s> <unk>)
    kn = KneserNey([["a", "b"], ["a", "c"]], 2, VOCAB)
    # 一元 (接续计数): N1+(•a) = 1 (<s>), N1+(•b) = 1, N1+(•c) = 1, N1+(•</s>) = 2 (b, c); 共 5, 4 种
    # P1(b) = (1 - .75) / 5 + .75 * 4 / 5 * 1/5 = 0.05 + 0.12 = 0.17
    assert kn.prob(("x", "b")) == pytest.approx(0.17)
    assert kn.prob(("x", "<unk>")) == pytest.approx(0.12)  # 没见过的词: 只有回退质量
    # 二元: c(a b) = 1, c(a ·) = 2, 两种后继: P(b | a) = (1 - .75) / 2 + .75 * 2 / 2 * P1(b)
    assert kn.prob(("a", "b")) == pytest.approx(0.125 + 0.75 * 0.17)
    # 历史 <s> 只在句首: c(<s> a) = 2, 一种后继 → P(a | <s>) = 1.25 / 2 + .75 / 2 * P1(a)
    p1_a = 0.25 / 5 + 0.12
    assert kn.prob(("<s>", "a")) == pytest.approx(1.25 / 2 + 0.375 * p1_a)


def test_kn_bigram_beats_add_k_bigram_on_a_small_sample():
    from course.data import char_tokens, char_vocabulary, peoples_daily_text

    vocab = char_vocabulary()
    known = frozenset(vocab)
    train = [char_tokens(s, known) for s in peoples_daily_text("train")[:800]]
    test = [char_tokens(s, known) for s in peoples_daily_text("test")[:100]]
    V = len(vocab) - 1
    kn = KneserNey(train, 2, vocab)
    ppl_kn = math.exp(-np.mean(kn.token_logprobs(test)))
    tables = ngram_tables(train, 2)
    hw, h = gather_counts(test, 2, tables["counts"], tables["contexts"])
    best_add_k = min(math.exp(-np.mean(np.log((hw[:, 1] + k) / (h[:, 1] + k * V)))) for k in np.logspace(-4, 1, 11))
    assert ppl_kn < best_add_k


def test_uniform_model_has_perplexity_V():
    torch = pytest.importorskip("torch")
    sentences = [["a"] * k for k in (0, 1, 5, 17)]
    uniform = lambda inputs: torch.zeros(*inputs.shape, len(VOCAB))  # <s> 被屏蔽后, 在 5 个词元上均匀
    logp = score_lines(uniform, sentences, VOCAB, torch.device("cpu"))
    assert corpus_perplexity(sentences, [a.sum() for a in logp]) == pytest.approx(len(VOCAB) - 1, rel=1e-6)
    assert logp[0].sum() == pytest.approx(-math.log(5), rel=1e-6)


def test_score_lines_matches_kn_through_a_lookup_model():
    # 把二元 Kneser-Ney 包成 "神经" logits_fn, 共用评估应给出与 n-gram 路径相同的困惑度
    torch = pytest.importorskip("torch")
    corpus = [["a", "b"], ["a", "c", "c"], ["b"]]
    kn = KneserNey(corpus, 2, VOCAB)
    table = torch.tensor([[math.log(kn.prob((h, w))) if w != "<s>" else 0.0 for w in VOCAB] for h in VOCAB])
    logits_fn = lambda inputs: table[inputs]  # (B, L) -> (B, L, |vocab|)
    test = [["c", "a"], [], ["b", "b", "a"]]
    logp = score_lines(logits_fn, test, VOCAB, torch.device("cpu"))
    np.testing.assert_allclose(np.concatenate(logp), kn.token_logprobs(test), rtol=1e-5)
    ppl_neural = corpus_perplexity(test, [a.sum() for a in logp])
    assert ppl_neural == pytest.approx(math.exp(-np.mean(kn.token_logprobs(test))), rel=1e-6)


def test_interpolation_is_never_worse_than_either_model_on_the_tuning_set():
    """λ 在网格上选 (含 0 和 1): 插值在选 λ 的数据上不会比两个端点差。"""
    from bench.ladder import interpolated_row

    torch = pytest.importorskip("torch")
    corpus = [["a", "b"], ["a", "c", "c"], ["b"], ["c", "a", "b"]] * 3
    data = {"kn": KneserNey(corpus, 2, VOCAB), "valid": corpus, "test": corpus, "vocab": VOCAB}
    uniform = lambda inputs: torch.zeros(*inputs.shape, len(VOCAB))
    row = interpolated_row("mix", {"train_seconds": 0, "parameters": 0, "model": "uniform"}, uniform, data,
                           torch.device("cpu"), log=lambda m: None)
    kn_ppl = math.exp(-np.mean(data["kn"].token_logprobs(corpus)))
    assert row["perplexity"] <= min(kn_ppl, len(VOCAB) - 1) + 1e-6
    assert 0 <= row["settings"]["lambda"] < 1
