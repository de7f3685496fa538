"""子词 (BPE) 模型按全课程的困惑度协议、按字归一 (course.perplexity.subword_perplexity, 第 8 周)。"""
from __future__ import annotations

import math

import torch

from course import perplexity as P
from course.data import char_vocabulary
from course.minigpt import MiniGPT, MiniGPTConfig
from course.tokenizer import load_bpe


class CharAsSubword:
    """一个字一个词元、编号与共用字表相同的 "分词器": 子词协议此时必须与字级协议给出同一个数。"""

    def __init__(self):
        self.vocab = char_vocabulary()
        self.stoi = {w: i for i, w in enumerate(self.vocab)}
        self.bos_id, self.eos_id = P.BOS_ID, P.EOS_ID

    def encode(self, text):
        return [self.stoi[ch] for ch in text]


def test_subset_text_has_the_same_lines_and_lengths():
    text, chars = P.eval_subset_text(), P.eval_subset()
    assert len(text) == len(chars) == 203
    assert [len(t) for t in text] == [len(c) for c in chars]
    assert P.n_targets(text) == P.n_targets(chars)


def test_one_char_per_token_gives_the_char_level_number():
    vocab = char_vocabulary()
    known = set(vocab)
    lines = [t for t in P.eval_subset_text() if set(t) <= known][:12]
    assert len(lines) == 12
    torch.manual_seed(0)
    model = MiniGPT(MiniGPTConfig(vocab_size=len(vocab), block_size=16, n_layer=1, n_head=2, d_model=16, d_ff=32)).eval()
    fn = lambda x: P.sliding_logits(model, x, 16)  # noqa: E731 — 有的行比 16 长, 走滑动窗口
    char_level = P.model_perplexity(fn, [list(t) for t in lines], vocab)
    subword = P.subword_perplexity(fn, lines, CharAsSubword())
    assert math.isclose(subword, char_level, rel_tol=1e-9)


def test_uniform_model_gives_the_token_count_formula():
    tok = load_bpe()
    lines = P.eval_subset_text()[:20]
    V = tok.vocab_size
    uniform = lambda x: torch.zeros(*x.shape, V)  # noqa: E731 — 每个位置均匀; <s> 屏蔽后在 V - 1 个词元上均匀
    lps = P.subword_line_logprobs(uniform, lines, tok)
    n_tok = [len(tok.encode(t)) + 1 for t in lines]  # 每行的词元 + </s>
    for lp, n in zip(lps, n_tok):
        assert math.isclose(lp, -n * math.log(V - 1), rel_tol=1e-6)  # log_softmax 在 float32 里算
    expected = math.exp(sum(n_tok) * math.log(V - 1) / P.n_targets(lines))  # 每字: 除以字数 + 1, 不是词元数
    assert math.isclose(P.subword_perplexity(uniform, lines, tok), expected, rel_tol=1e-5)
    assert sum(n_tok) < P.n_targets(lines)  # BPE 的词元比字少, 每字困惑度低于 (V - 1)


def test_a_line_does_not_depend_on_its_batch():
    tok = load_bpe()
    lines = P.eval_subset_text()[:6]
    torch.manual_seed(1)
    model = MiniGPT(MiniGPTConfig(vocab_size=tok.vocab_size, block_size=32, n_layer=1, n_head=2, d_model=16, d_ff=32)).eval()
    fn = lambda x: P.sliding_logits(model, x, 32)  # noqa: E731
    together = P.subword_line_logprobs(fn, lines, tok)
    alone = [P.subword_line_logprobs(fn, [t], tok)[0] for t in lines]
    for a, b in zip(together, alone):
        assert math.isclose(a, b, rel_tol=1e-5, abs_tol=1e-4)
