"""全课程唯一的困惑度协议 (perplexity protocol): 第 2、4、5、6 周、阶梯 (bench/ladder.py) 和课程检查点都用它。

协议 (与第 2 周 2.7 节的定义相同):
- 每一行从 <s> 开始独立预测 (行与行之间不传上下文), 一直预测到 </s>:
  要预测的词元 N = Σ (行长 + 1)。
- <s> 从来不是预测目标, 也从来不会被生成: 神经模型在 <s> 上的输出被屏蔽 (-inf) 后重新归一化,
  分布定义在 V = 字表去掉 <s> 上 (|V| = 4038); 训练时以 <s> 为目标的位置不计损失 (见 course.minigpt)。
- 困惑度 PPL = exp(-Σ ln P(行) / N); 有一行概率为 0 时为 inf。
- 测试集: `test_lines()` 是完整的测试集 (2,021 行, N = 192,972), 阶梯和检查点卡片都报告它;
  `eval_subset()` 是唯一的固定子集 (测试集里下标是 10 的倍数的行), 给算力不够评完整测试集的
  notebook 用, 阶梯和卡片同时报告这个子集上的数 (`perplexity_subset`), 所以两边可以直接比较。
- 别的周和阶梯的数字从 `ladder_result()` 读 (bench/results/ladder.json), 不在 notebook 里手写常数。

Example:
    >>> perplexity([['a', 'b']], [3 * math.log(0.5)])
    2.0
"""
from __future__ import annotations

import functools
import json
import math
from pathlib import Path
from typing import Callable, Sequence

from course.data import BOS, EOS, UNK, char_tokens, char_vocabulary, peoples_daily_text

BOS_ID = 1  # 共用字表的固定顺序: ('<unk>', '<s>', '</s>', …)
EOS_ID = 2
UNK_ID = 0
SUBSET_EVERY = 10  # eval_subset: 测试集里第 0, 10, 20, … 行
LADDER_JSON = Path(__file__).resolve().parents[1] / "bench" / "results" / "ladder.json"


# ---------------------------------------------------------------- 数据
@functools.lru_cache(maxsize=1)
def _test_lines() -> tuple[tuple[str, ...], ...]:
    known = frozenset(char_vocabulary())
    return tuple(tuple(char_tokens(line, known)) for line in peoples_daily_text("test"))


def test_lines() -> list[list[str]]:
    """完整测试集的字序列 (共用字表, 表外字为 <unk>, 不含 <s> </s>)。Example: len(test_lines()) -> 2021"""
    return [list(s) for s in _test_lines()]


def eval_subset() -> list[list[str]]:
    """唯一的固定子集: 测试集里下标是 SUBSET_EVERY 的倍数的行 (203 行, N = 20,505)。

    Example: eval_subset()[0] == test_lines()[0] -> True
    """
    return [list(s) for s in _test_lines()[::SUBSET_EVERY]]


def n_targets(lines: Sequence[Sequence[str]]) -> int:
    """要预测的词元数 N = Σ (行长 + 1) (每行多一个 </s>)。Example: n_targets([['a'], []]) -> 3"""
    return sum(len(s) + 1 for s in lines)


# ---------------------------------------------------------------- 公式
def perplexity(lines: Sequence[Sequence[str]], line_logprobs: Sequence[float]) -> float:
    """PPL = exp(-Σ ln P(行) / N), N = Σ (行长 + 1); 与第 2 周 `perplexity` 的参考解答相同。

    lines: 行的列表 (至少一行); line_logprobs: 与 lines 一一对应的自然对数概率 (可以是 -inf)。
    Example: perplexity([['a', 'b']], [3 * math.log(0.5)]) -> 2.0
    """
    lps = [float(x) for x in line_logprobs]
    if not lines:
        raise ValueError("至少要有一行 (at least one line)")
    if len(lps) != len(lines):
        raise ValueError(f"每行一个对数概率: {len(lines)} 行, {len(lps)} 个对数概率")
    total = math.fsum(lps)
    if total == -math.inf:
        return math.inf
    return math.exp(-total / n_targets(lines))


# ---------------------------------------------------------------- 神经模型
def encode_lines(lines: Sequence[Sequence[str]], vocab: Sequence[str] | None = None) -> list[list[int]]:
    """每行 → [<s>, w_1, …, w_T, </s>] 的编号 (表外字记为 <unk>)。Example: encode_lines([['的']]) -> [[1, 3, 2]]"""
    vocab = tuple(vocab or char_vocabulary())
    stoi = {w: i for i, w in enumerate(vocab)}
    if stoi.get(BOS) != BOS_ID or stoi.get(EOS) != EOS_ID:
        raise ValueError("字表的前三个必须是 <unk> <s> </s> (course.data.char_vocabulary 的顺序)")
    unk = stoi[UNK]
    return [[BOS_ID, *(stoi.get(w, unk) for w in s), EOS_ID] for s in lines]


def sliding_logits(model: Callable, inputs, block_size: int):
    """长于 block_size 的输入用滑动窗口求 logits (GPT-2 论文的做法), inputs (B, L) → (B, L, |vocab|)。

    设 T = block_size, S = T // 2: 位置 0 … T-1 来自窗口 [0, T); 之后每 S 个位置一组, 位置
    T + kS … T + (k+1)S - 1 来自窗口 [(k+1)S, (k+1)S + T)。窗口只由位置决定, 与这一批里别的行
    多长无关 (右边不够时补 </s>, 因果模型看不到右边), 所以每一行的结果与怎么分批无关,
    每个位置至少看到 S 个前文。
    Example: sliding_logits(model, idx, model.config.block_size)
    """
    import torch

    T, S = block_size, max(block_size // 2, 1)
    B, L = inputs.shape
    if L <= T:
        return model(inputs)
    n_more = -(-(L - T) // S)  # 还要几组 S 个位置
    padded = torch.nn.functional.pad(inputs, (0, T + n_more * S - L), value=EOS_ID)
    pieces = [model(padded[:, :T])]
    for k in range(n_more):
        start = (k + 1) * S
        pieces.append(model(padded[:, start:start + T])[:, T - S:])
    return torch.cat(pieces, dim=1)[:, :L]


def token_logprobs(logits_fn: Callable, lines: Sequence[Sequence[str]], vocab: Sequence[str] | None = None,
                   device=None, max_tokens: int = 8192) -> list:
    """每行每个目标词元 (w_1 … w_T, </s>) 的 ln P, 返回 float64 的 numpy 数组的列表 (长度 = 行长 + 1)。

    logits_fn(inputs (B, L) long) → (B, L, |vocab|) 的 logits 或对数概率, 位置 t 预测第 t+1 个编号,
    且只看 inputs[:, :t+1] (因果)。<s> 的输出被屏蔽后重新 log_softmax: 分布在 V = 字表去掉 <s> 上。
    按长度排序后分批, 右侧用 </s> 补齐 (因果模型看不到右边, 补齐的位置不计)。
    Example: [a.sum() for a in token_logprobs(model, eval_subset())]
    """
    encoded = encode_lines(lines, vocab)
    return _score_encoded(logits_fn, encoded, BOS_ID, EOS_ID, device, max_tokens)


def _score_encoded(logits_fn: Callable, encoded: list[list[int]], bos: int, pad: int, device=None,
                   max_tokens: int = 8192) -> list:
    """token_logprobs 与 subword_line_logprobs 共用: 每行 (以 <s> 开头的编号) 每个目标的 ln P (float64 数组)。

    按长度排序后分批 (每批不超过 max_tokens 个词元), 右侧用 pad 补齐 (因果模型看不到右边, 补齐的位置不计);
    <s> 的 logit 屏蔽后重新 log_softmax。Example: _score_encoded(model, [[1, 5, 2]], 1, 2) -> [array([…, …])]
    """
    import torch

    if device is None:
        params = getattr(logits_fn, "parameters", None)
        device = next(params()).device if callable(params) else torch.device("cpu")
    order = sorted(range(len(encoded)), key=lambda i: len(encoded[i]))
    out: list = [None] * len(encoded)

    def flush(idx):
        L = max(len(encoded[i]) for i in idx)
        ids = torch.full((len(idx), L), pad, dtype=torch.long)
        for r, i in enumerate(idx):
            ids[r, :len(encoded[i])] = torch.tensor(encoded[i])
        ids = ids.to(device)
        logits = logits_fn(ids[:, :-1]).float()  # (B, L-1, |vocab|)
        logits[..., bos] = float("-inf")  # <s> 永远不是目标
        logp = torch.log_softmax(logits, dim=-1).gather(-1, ids[:, 1:].unsqueeze(-1)).squeeze(-1)  # (B, L-1)
        logp = logp.double().cpu().numpy()
        for r, i in enumerate(idx):
            out[i] = logp[r, :len(encoded[i]) - 1].copy()

    with torch.no_grad():
        batch: list[int] = []
        for i in order:
            if batch and (len(batch) + 1) * len(encoded[i]) > max_tokens:
                flush(batch)
                batch = []
            batch.append(i)
        if batch:
            flush(batch)
    return out


def model_perplexity(logits_fn: Callable, lines: Sequence[Sequence[str]] | None = None,
                     vocab: Sequence[str] | None = None, device=None) -> float:
    """神经模型在 lines (默认 eval_subset()) 上的困惑度, 按本协议。模型须已处于 eval 模式。

    Example: model_perplexity(lambda x: sliding_logits(model, x, 128), eval_subset())
    """
    lines = eval_subset() if lines is None else lines
    return perplexity(lines, [float(a.sum()) for a in token_logprobs(logits_fn, lines, vocab, device)])


# ---------------------------------------------------------------- 阶梯的结果
def ladder_result(model: str, column: str = "perplexity", device: str = "cpu") -> float:
    """bench/results/ladder.json 里某一行的数 (别的周引用的唯一来源)。

    model: 行的 "model" 字段, 例如 "4-gram Kneser-Ney"、"2-gram 加 k 平滑"; column: "perplexity"
    (完整测试集) 或 "perplexity_subset" (eval_subset)。
    Example: ladder_result("4-gram 插值") -> 58.588
    """
    if not LADDER_JSON.is_file():
        raise FileNotFoundError(f"找不到阶梯结果 {LADDER_JSON} (运行 python -m bench.ladder 生成)")
    rows = json.loads(LADDER_JSON.read_text(encoding="utf-8"))["rows"]
    for row in rows:
        if row["model"] == model and row.get("device", "cpu") == device:
            return float(row[column])
    names = sorted({r["model"] for r in rows})
    raise KeyError(f"阶梯里没有 {model!r} ({device}); 有: {names}")


# ---------------------------------------------------------------- 子词模型 (第 8 周): 同一个协议, 按字归一
def eval_subset_text() -> list[str]:
    """eval_subset() 的原文 (没有把表外字换成 <unk>): 子词模型在这些行上评估。

    每一行的字数与 eval_subset() 里对应的行相同 (字级规则一字一个词元), 所以 N 相同。
    Example: len(eval_subset_text()[0]) == len(eval_subset()[0]) -> True
    """
    return list(peoples_daily_text("test")[::SUBSET_EVERY])


def subword_line_logprobs(logits_fn: Callable, lines: Sequence[str], tokenizer, device=None,
                          max_tokens: int = 8192) -> list[float]:
    """子词 (BPE) 模型给每一行的 ln P(行): 行编码成 [<s>] + tokenizer.encode(行) + [</s>],
    对 <s> 之后的每个词元 (含 </s>) 的 ln P 求和; <s> 永远不是目标 (它的 logit 屏蔽后重新归一化)。

    logits_fn(inputs (B, L) long) → (B, L, vocab_size), 位置 t 预测第 t+1 个词元且只看 inputs[:, :t+1];
    tokenizer 有 encode(str) -> list[int]、bos_id、eos_id (course.tokenizer.load_bpe())。
    行的概率与怎么切词无关地定义在同一串字上, 所以按本协议除以 N = Σ (字数 + 1) 得到的是 **每个字** 的困惑度,
    能与字级模型直接比较 (见 subword_perplexity)。
    Example: subword_line_logprobs(lambda x: sliding_logits(model, x, 64), ["人民"], load_bpe())
    """
    bos, eos = tokenizer.bos_id, tokenizer.eos_id
    encoded = [[bos, *tokenizer.encode(line), eos] for line in lines]
    return [float(a.sum()) for a in _score_encoded(logits_fn, encoded, bos, eos, device, max_tokens)]


def subword_perplexity(logits_fn: Callable, lines: Sequence[str] | None = None, tokenizer=None,
                       device=None) -> float:
    """子词模型的 **每字** 困惑度: exp(-Σ ln P(行) / N), N = Σ (字数 + 1), 与字级模型的 N 相同。

    lines 默认 eval_subset_text(); tokenizer 默认 course.tokenizer.load_bpe()。
    与字级模型的区别只有一处: 字级词表把表外字都记成同一个 <unk>, 子词模型要预测出具体是哪个字 (字节),
    所以同样的模型质量下, 子词模型的每字困惑度只会略高, 不会占便宜。
    Example: subword_perplexity(lambda x: sliding_logits(model, x, 64))
    """
    if tokenizer is None:
        from course.tokenizer import load_bpe

        tokenizer = load_bpe()
    lines = eval_subset_text() if lines is None else list(lines)
    return perplexity(lines, subword_line_logprobs(logits_fn, lines, tokenizer, device))
