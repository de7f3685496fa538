"""困惑度阶梯 (perplexity ladder): 同一个留出集上, 从 n-gram 到 Transformer。

人民日报, 字级, 共用的划分与字表 (course.data: char_vocabulary(), char_tokens(); test = 留出集)。
每一级都用课程唯一的困惑度协议 (course/perplexity.py): 整个测试集, 每行从 <s> 开始独立预测
(行与行之间不传上下文), 一直预测到 </s>; N = Σ (行长 + 1); 概率是在同一个可预测集合 V (字表去掉 <s>,
|V| = 4038) 上精确归一化的分布 —— 神经模型的 <s> 输出被屏蔽后重新归一化, 训练时 <s> 也从不是目标。
每一行同时报告固定子集 course.perplexity.eval_subset() 上的困惑度 (perplexity_subset), notebook 用它比较。

阶梯:
- n-gram (n = 1..4), 只用训练集计数 (第 2 周参考解答 `count_ngrams`), 在验证集上调超参数:
  * 加 k 平滑 (第 2 周 `add_k_prob`, k 在验证集上选),
  * 插值 (第 2 周 2.9 节的递归 Jelinek-Mercer 插值, λ 在验证集上逐阶选),
  * 插值 Kneser-Ney (D = 0.75, 递归插值形式, 低阶用接续计数 continuation counts) —— 在本文件里实现。
- 前馈神经网络语言模型 (Bengio 2003): 第 4 周参考解答 `FFNNLM` 原样使用 (输出层全 softmax)。
- LSTM 语言模型: nn.Embedding + nn.LSTM + nn.AdaptiveLogSoftmaxWithLoss (第 4 周 GRU 的做法, CPU 上省掉大部分
  输出层计算); 评估时用 log_prob 得到全字表的精确分布。
- 迷你 GPT: 课程随附的检查点 (course.checkpoints, 由 make checkpoints = bench/checkpoint.py 按步数训练),
  这里只按协议评估它, 与卡片上的数核对; 训练时间、词元数取自卡片。
- 神经 + n-gram 插值 (LSTM + 4 元 Kneser-Ney, 迷你 GPT + 4 元 Kneser-Ney): 逐词元混合
  P = λ P_神经 + (1 - λ) P_KN, λ 在验证子集上选 —— 两类模型的错误不同, 混合通常比任何一个都好。

神经模型按步数预算训练 (SETTINGS 里的 steps, 在安静的 2 核 CPU 上每个约 5–10 分钟), 学习率按步数走
预热 + 余弦, 结果只取决于种子和线程数; 训练中定期在验证集的一个固定子集上评估 (不计入训练时间),
得到 [秒, 困惑度] 曲线, 同时记录每秒词元数。

结果: bench/results/ladder.json 与 bench/results/ladder.png; 同时打印一张 markdown 表。
同一文件里保留其他设备 (例如 GPU) 的行, 只替换本次跑过的 (模型, 设备)。

Example:
    $ python -m bench.ladder                       # 全部 (2 核 CPU 上约 30 分钟)
    $ python -m bench.ladder --steps-scale 0.01    # 快速检查 (步数乘 0.01)
    $ python -m bench.ladder --device cuda --models lstm gpt
"""
from __future__ import annotations

import argparse
import json
import math
import os
import platform
import random
import time
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
RESULTS_JSON = ROOT / "bench" / "results" / "ladder.json"
RESULTS_PNG = ROOT / "bench" / "results" / "ladder.png"
KN_DISCOUNT = 0.75
NGRAM_MODELS = ("ngram",)
NEURAL_MODELS = ("ffnn", "lstm", "gpt")
VALID_SUBSET_TOKENS = 20_000  # 训练曲线用的验证子集: 验证集前若干行, 约 2 万个要预测的词元

# 每个神经模型的设置: 在 2 核 CPU 上 10 分钟内尽量好 (GPU 上用同一组, 只是能走更多步)
SETTINGS = {
    "ffnn": dict(steps=6000, context_size=6, embed_dim=64, hidden_dim=256, batch_size=256, lr=2e-3, warmup=0.03,
                 min_lr_ratio=0.05, weight_decay=0.0, clip=1.0, weight_tying=False,
                 output="full softmax (reference FFNNLM: nn.Linear(H, |V|))"),
    "lstm": dict(steps=1100, embed_dim=192, hidden_dim=384, num_layers=1, seq_len=96, batch_size=48, lr=4e-3, warmup=0.03,
                 min_lr_ratio=0.05, weight_decay=0.0, clip=1.0, cutoffs=(300, 1200), div_value=4.0,
                 weight_tying=False, output="nn.AdaptiveLogSoftmaxWithLoss (no tying)"),
}
# 每个模型的瓶颈 (在 2 核 CPU 上测得的: 见各行的 tokens_per_second 与 README 的阶梯)
LIMITS = {
    "ngram": "数据: 一个月的报纸里大多数 4 元组只出现一次, 更高阶只会更稀疏; 计数与构建不到一分半钟",
    "ffnn": "上下文固定 6 个字; 每个位置一个 |V| 维的全 softmax 输出层, 它占了大部分计算",
    "lstm": "算力: 逐步的循环无法在时间维并行, 2 核 CPU 上每秒只处理几千个字, 训练集只过了几遍",
    "gpt": "算力: 自注意力 + |V| 维输出层在 CPU 上每秒只有几千词元, 检查点只看了约 5 M 词元 (见 tokens_seen)",
    "mix": "两个模型各自的瓶颈; 插值只需在验证子集上选一个 λ",
}


# ---------------------------------------------------------------- 数据
def load_data():
    """共用字表与三份划分的字序列。返回 dict: vocab, V (可预测词元数), train/valid/test (list[list[str]])。"""
    from course.data import char_tokens, char_vocabulary, peoples_daily_text

    vocab = char_vocabulary()
    known = frozenset(vocab)
    data = {"vocab": vocab, "V": len(vocab) - 1}
    for split in ("train", "valid", "test"):
        data[split] = [char_tokens(line, known) for line in peoples_daily_text(split)]
    return data


def valid_subset(valid: list[list[str]], max_tokens: int = VALID_SUBSET_TOKENS) -> list[list[str]]:
    """验证集前面的若干行, 要预测的词元 (含 </s>) 不超过 max_tokens (至少一行)。"""
    out, total = [], 0
    for s in valid:
        if out and total + len(s) + 1 > max_tokens:
            break
        out.append(s)
        total += len(s) + 1
    return out


# ---------------------------------------------------------------- 共用的困惑度
def corpus_perplexity(sentences: list[list[str]], line_logprobs) -> float:
    """所有模型共用: 每行的自然对数概率 (含 </s>) → 课程唯一的 course.perplexity.perplexity。

    N = Σ (len(s) + 1); line_logprobs 与 sentences 一一对应。Example: 均匀模型 -> |V|
    """
    from course.perplexity import perplexity

    return perplexity(sentences, line_logprobs)


def both_perplexities(test: list[list[str]], line_logprobs) -> dict:
    """完整测试集与固定子集 (course.perplexity.eval_subset: 第 0, 10, 20, … 行) 上的困惑度。"""
    from course.perplexity import SUBSET_EVERY

    lps = list(line_logprobs)
    return {"perplexity": round(corpus_perplexity(test, lps), 3),
            "perplexity_subset": round(corpus_perplexity(test[::SUBSET_EVERY], lps[::SUBSET_EVERY]), 3)}


# ---------------------------------------------------------------- n-gram 计数
def ngram_tables(train: list[list[str]], n_max: int) -> dict:
    """第 2 周参考解答 count_ngrams 在训练集上的 1..n_max 阶计数, 以及历史计数。"""
    from course.grading import reference

    count_ngrams = reference("count_ngrams")
    counts = {n: count_ngrams(train, n) for n in range(1, n_max + 1)}
    contexts = {}
    for n, c in counts.items():
        ctx = Counter()
        for g, k in c.items():
            ctx[g[:-1]] += k
        contexts[n] = ctx
    return {"counts": counts, "contexts": contexts}


def gather_counts(sentences, n_max, counts, contexts):
    """每个要预测的词元的 c(h, w) 与 c(h), j = 1..n_max 阶: 两个 (N, n_max) 数组 (同第 2 周 2.9 节)。"""
    c_hw, c_h = [], []
    for s in sentences:
        padded = ["<s>"] * (n_max - 1) + list(s) + ["</s>"]
        for i in range(n_max - 1, len(padded)):
            g = tuple(padded[i - n_max + 1:i + 1])
            c_hw.append([counts[j].get(g[-j:], 0) for j in range(1, n_max + 1)])
            c_h.append([contexts[j].get(g[-j:-1], 0) for j in range(1, n_max + 1)])
    return np.array(c_hw, dtype=float), np.array(c_h, dtype=float)


def interp_probs(c_hw, c_h, lambdas, V):
    """第 2 周 2.9 节的递归插值: P_j = λ_j MLE_j + (1 - λ_j) P_{j-1}, P_0 = 1/V; 历史没见过时跳过该阶。"""
    p = np.full(len(c_hw), 1.0 / V)
    for j, lam in enumerate(lambdas):
        seen = c_h[:, j] > 0
        mle = np.divide(c_hw[:, j], c_h[:, j], out=np.zeros(len(p)), where=seen)
        p = np.where(seen, lam * mle + (1 - lam) * p, p)
    return p


def _line_sums(token_logp: np.ndarray, sentences) -> list[float]:
    """每个词元的对数概率 (按行拼接) → 每行之和。"""
    bounds = np.cumsum([0] + [len(s) + 1 for s in sentences])
    return [float(token_logp[a:b].sum()) for a, b in zip(bounds[:-1], bounds[1:])]


# ---------------------------------------------------------------- 插值 Kneser-Ney
class KneserNey:
    """插值 Kneser-Ney (Chen & Goodman 1998 的插值形式, 每阶同一个折扣 D)。

    最高阶用原始计数; 低阶用接续计数 N1+(• h w) —— 以 <s> 开头的低阶 n-gram 没有左边的词, 用原始计数
    (KenLM / SRILM 的做法)。对历史 h (长度 k-1):
        P_k(w | h) = max(a(h, w) - D, 0) / A(h) + D T(h) / A(h) · P_{k-1}(w | h 去掉最早的词元)
    A(h) = Σ_w a(h, w), T(h) = #{w: a(h, w) > 0}; A(h) = 0 时 P_k = P_{k-1}; P_0(w) = 1 / |V|。
    句首补 n-1 个 <s> (第 2 周的约定), 可预测的集合 V 是字表去掉 <s>。

    Example: KneserNey([['a', 'b']], 2, vocab=('<unk>', '<s>', '</s>', 'a', 'b')).prob(('a', 'b'))
    """

    def __init__(self, train, n: int, vocab, discount: float = KN_DISCOUNT, counts: dict | None = None):
        from course.grading import reference

        self.n, self.D = n, float(discount)
        self.words = [w for w in vocab if w != "<s>"]
        self.V = len(self.words)
        count_ngrams = reference("count_ngrams")
        raw = counts or {}
        raw = {k: raw[k] if k in raw else count_ngrams(train, k) for k in range(1, n + 1)}
        # 调整后的计数 a_k(g): k = n 用原始计数; k < n 用 (k+1) 阶里不同左邻的个数, 以 <s> 开头的用原始计数
        self.adjusted = {n: dict(raw[n])}
        for k in range(1, n):
            cont = Counter(g[1:] for g in raw[k + 1])  # 每个 k-gram 有几个不同的左邻
            self.adjusted[k] = {g: (c if g[0] == "<s>" else cont[g]) for g, c in raw[k].items()}
        self.total, self.types = {}, {}  # 每阶: {h: A(h)}, {h: T(h)}
        for k, table in self.adjusted.items():
            A, T = defaultdict(float), defaultdict(int)
            for g, c in table.items():
                if c > 0:
                    A[g[:-1]] += c
                    T[g[:-1]] += 1
            self.total[k], self.types[k] = dict(A), dict(T)
        self.n_entries = sum(len(t) for t in self.adjusted.values())

    def prob(self, ngram) -> float:
        """P(w | h), ngram = h + (w,), 长度 n (句首用 <s> 补齐)。"""
        ngram = tuple(ngram)
        p = 1.0 / self.V
        for k in range(1, self.n + 1):
            g = ngram[-k:]
            h = g[:-1]
            A = self.total[k].get(h, 0.0)
            if A > 0:
                a = self.adjusted[k].get(g, 0)
                p = max(a - self.D, 0.0) / A + self.D * self.types[k][h] / A * p
        return p

    def distribution(self, history) -> np.ndarray:
        """历史 history (长度 n-1) 下 V 中每个词元的概率, 顺序同 self.words; 和为 1。"""
        history = tuple(history)
        return np.array([self.prob(history + (w,)) for w in self.words])

    def token_logprobs(self, sentences) -> np.ndarray:
        """每行补 n-1 个 <s>, 逐个词元 (含 </s>) 的 ln P, 按行拼接。"""
        out = []
        for s in sentences:
            padded = ["<s>"] * (self.n - 1) + list(s) + ["</s>"]
            out.extend(math.log(self.prob(tuple(padded[i - self.n + 1:i + 1])))
                       for i in range(self.n - 1, len(padded)))
        return np.array(out)

    def check_normalised(self, histories, atol: float = 1e-9) -> list[float]:
        """断言给定历史下的分布和为 1; 返回各个和。"""
        sums = [float(self.distribution(h).sum()) for h in histories]
        for h, s in zip(histories, sums):
            assert abs(s - 1.0) < atol, f"Kneser-Ney 在历史 {h} 下的概率和为 {s}, 不是 1"
        return sums


def run_ngrams(data, n_max: int = 4) -> list[dict]:
    """加 k、插值 (第 2 周) 与插值 Kneser-Ney 的 1..n_max 元模型, 测试集困惑度。"""
    from course.grading import reference

    add_k_prob, sentence_logprob = reference("add_k_prob"), reference("sentence_logprob")
    V, train, valid, test = data["V"], data["train"], data["valid"], data["test"]
    start = time.perf_counter()
    tables = ngram_tables(train, n_max)
    count_seconds = time.perf_counter() - start
    counts, contexts = tables["counts"], tables["contexts"]
    valid_hw, valid_h = gather_counts(valid, n_max, counts, contexts)
    test_hw, test_h = gather_counts(test, n_max, counts, contexts)
    rows = []

    # 加 k: 在验证集上选 k (同第 2 周的网格)
    ks = np.logspace(-4, 1, 11)
    for n in range(1, n_max + 1):
        j = n - 1
        ppl_k = [float(np.exp(-np.mean(np.log((valid_hw[:, j] + k) / (valid_h[:, j] + k * V))))) for k in ks]
        k = float(ks[int(np.argmin(ppl_k))])
        logp = np.log((test_hw[:, j] + k) / (test_h[:, j] + k * V))
        # 与第 2 周参考解答逐句计算的结果核对 (前 20 行)
        fn = lambda g, n=n, k=k: add_k_prob(counts[n], contexts[n], g, k, V)
        head = test[:20]
        ref = sum(sentence_logprob(s, fn, n) for s in head)
        assert math.isclose(ref, sum(_line_sums(logp, test)[:20]), rel_tol=1e-9), "加 k 向量化结果与参考解答不一致"
        rows.append(_ngram_row(f"{n}-gram 加 k 平滑", n, both_perplexities(test, _line_sums(logp, test)),
                               count_seconds, sum(len(counts[i]) for i in range(1, n + 1)),
                               {"smoothing": "add-k (week02 add_k_prob)", "k": k, "k_chosen_on": "valid"}))
    # 插值: λ 在验证集上从低阶到高阶逐个选 (第 2 周 2.9 节)
    grid = np.linspace(0.02, 0.98, 49)
    lambdas = []
    for j in range(n_max):
        scores = [np.mean(np.log(interp_probs(valid_hw, valid_h, lambdas + [lam], V))) for lam in grid]
        lambdas.append(float(grid[int(np.argmax(scores))]))
    for n in range(1, n_max + 1):
        logp = np.log(interp_probs(test_hw, test_h, lambdas[:n], V))
        rows.append(_ngram_row(f"{n}-gram 插值", n, both_perplexities(test, _line_sums(logp, test)),
                               count_seconds, sum(len(counts[i]) for i in range(1, n + 1)),
                               {"smoothing": "interpolation (week02 2.9, Jelinek-Mercer)",
                                "lambdas": [round(x, 2) for x in lambdas[:n]], "lambdas_chosen_on": "valid"}))
    # 插值 Kneser-Ney
    rng = random.Random(0)
    for n in range(1, n_max + 1):
        t0 = time.perf_counter()
        kn = KneserNey(train, n, data["vocab"], counts=counts)
        build = time.perf_counter() - t0
        histories = [tuple(["<s>"] * (n - 1))]
        for _ in range(3):
            s = rng.choice(test)
            padded = ["<s>"] * (n - 1) + s
            i = rng.randrange(n - 1, len(padded) + 1) if len(padded) >= n - 1 else n - 1
            histories.append(tuple(padded[i - n + 1:i]) if n > 1 else ())
        histories.append(tuple(["的"] * (n - 1)))
        kn.check_normalised(histories)
        logp = kn.token_logprobs(test)
        if n == n_max:
            data["kn"] = kn  # 神经 + KN 插值用
        rows.append(_ngram_row(f"{n}-gram Kneser-Ney", n, both_perplexities(test, _line_sums(logp, test)),
                               count_seconds + build, kn.n_entries,
                               {"smoothing": "interpolated Kneser-Ney", "discount": KN_DISCOUNT,
                                "lower_orders": "continuation counts (raw counts for <s>-initial n-grams)",
                                "normalisation_checked_histories": len(histories)}))
    return rows


def _ngram_row(name, n, ppl: dict, seconds, params, settings) -> dict:
    return {"model": name, "family": "ngram", "order": n, **ppl, "limit": LIMITS["ngram"],
            "train_seconds": round(seconds, 2), "parameters": int(params), "device": "cpu",
            "settings": {**settings, "parameters_are": "stored n-gram counts, orders 1..n"}, "curve": []}


# ---------------------------------------------------------------- 神经模型: 共用评估
def encode(sentences, stoi) -> list[list[int]]:
    """每行 -> [<s>, w_1, …, w_T, </s>] 的编号。"""
    bos, eos = stoi["<s>"], stoi["</s>"]
    return [[bos] + [stoi[w] for w in s] + [eos] for s in sentences]


def score_lines(logits_fn, sentences, vocab, device) -> list:
    """共用的神经模型评估 (course.perplexity.token_logprobs): 每行每个目标词元的 ln P 数组。"""
    from course.perplexity import token_logprobs

    return token_logprobs(logits_fn, sentences, vocab, device)


def lr_at(frac: float, s: dict) -> float:
    """按已走步数的比例的学习率: 线性预热 s['warmup'], 然后余弦降到 s['min_lr_ratio'] × 峰值。"""
    peak, warm, floor = s["lr"], s["warmup"], s["min_lr_ratio"]
    if frac < warm:
        return peak * max(frac / warm, 0.02)
    t = min((frac - warm) / max(1 - warm, 1e-9), 1.0)
    return peak * (floor + (1 - floor) * 0.5 * (1 + math.cos(math.pi * t)))


# ---------------------------------------------------------------- 神经模型: 三个模型
def build_model(name: str, V_total: int, s: dict):
    """返回 (model, loss_fn(batch), logits_fn(inputs), batch_fn(generator))。"""
    import torch
    import torch.nn.functional as F
    from torch import nn

    if name == "ffnn":
        from course.grading import reference

        FFNNLM = reference("FFNNLM")
        model = FFNNLM(V_total, s["context_size"], s["embed_dim"], s["hidden_dim"])
        n1 = s["context_size"]

        def logits_fn(inputs):  # (B, L) -> (B, L, V): 位置 t 用 inputs[:, t-n1+1 … t] (左边用 <s> 补齐)
            B, L = inputs.shape
            padded = F.pad(inputs, (n1 - 1, 0), value=s["bos_id"])  # (B, L+n1-1)
            ctx = padded.unfold(1, n1, 1)  # (B, L, n1)
            out = torch.cat([model(c) for c in ctx.reshape(-1, n1).split(16384)])
            return out.reshape(B, L, -1)

        def loss_fn(batch):
            ctx, y = batch
            return F.cross_entropy(model(ctx), y)

        return model, loss_fn, logits_fn
    if name == "lstm":
        class LSTMLM(nn.Module):
            """nn.Embedding -> nn.LSTM -> nn.AdaptiveLogSoftmaxWithLoss。"""

            def __init__(self):
                super().__init__()
                self.embedding = nn.Embedding(V_total, s["embed_dim"])
                self.lstm = nn.LSTM(s["embed_dim"], s["hidden_dim"], num_layers=s["num_layers"], batch_first=True)
                self.head = nn.AdaptiveLogSoftmaxWithLoss(s["hidden_dim"], V_total, cutoffs=list(s["cutoffs"]),
                                                          div_value=s["div_value"])

            def forward(self, inputs):  # 对数概率 (B, T, V)
                out, _ = self.lstm(self.embedding(inputs))
                return self.head.log_prob(out.reshape(-1, out.shape[-1])).reshape(*inputs.shape, -1)

            def loss(self, x, y):
                out, _ = self.lstm(self.embedding(x))
                h, t = out.reshape(-1, out.shape[-1]), y.reshape(-1)
                keep = t != -100  # 以 <s> 为目标的位置不计 (自适应 softmax 不支持 ignore_index)
                return self.head(h[keep], t[keep]).loss

        model = LSTMLM()
        return model, (lambda batch: model.loss(*batch)), model
    if name == "gpt":
        from course.minigpt import MiniGPT, MiniGPTConfig, lm_loss

        cfg = MiniGPTConfig(vocab_size=V_total, block_size=s["block_size"], n_layer=s["n_layer"], n_head=s["n_head"],
                            d_model=s["d_model"], d_ff=s["d_ff"], dropout=s["dropout"], tie_weights=s["weight_tying"])
        model = MiniGPT(cfg)
        T, stride = s["block_size"], s["block_size"] // 2

        def logits_fn(inputs):  # 长于 block_size 的行用滑动窗口: 步长 T/2, 每个位置至少看到 T/2 个前文
            L = inputs.shape[1]
            if L <= T:
                return model(inputs)
            pieces, done = [model(inputs[:, :T])], T
            while done < L:
                start = min(done + stride, L) - T
                out = model(inputs[:, start:start + T])
                pieces.append(out[:, done - start:])
                done = start + T
            return torch.cat(pieces, dim=1)

        return model, (lambda batch: lm_loss(model(batch[0]), batch[1])), logits_fn
    raise ValueError(f"未知的模型 {name!r}")


def make_batcher(name: str, stream, s: dict, generator, device):
    """训练批次: 训练流 (每行 <s> … </s> 拼接) 上的随机窗口, 只用显式的 generator。"""
    import torch

    if name == "ffnn":
        # 行首的历史用 <s> 补齐, 与评估时的上下文一致 (见 ffnn_examples)
        targets = stream["ffnn_targets"]
        contexts = stream["ffnn_ctx_index"]

        def batch():
            i = torch.randint(0, len(targets), (s["batch_size"],), generator=generator)
            return contexts[i].to(device), targets[i].to(device)

        return batch
    from course.minigpt import random_batch

    T = s["seq_len"] if name == "lstm" else s["block_size"]

    def batch():
        x, y = random_batch(stream["ids"], s["batch_size"], T, generator)
        return x.to(device), y.to(device)

    return batch


def ffnn_examples(encoded, n1: int, bos_id: int):
    """FFNN 的全部训练样本: 每个目标词元和它前面 n1 个编号 (行首用 <s> 补齐), 两个张量。"""
    import torch

    ctx, tgt = [], []
    for ids in encoded:
        padded = [bos_id] * (n1 - 1) + ids
        t = torch.tensor(padded)
        win = t.unfold(0, n1 + 1, 1)  # (T+1, n1+1)
        ctx.append(win[:, :-1])
        tgt.append(win[:, -1])
    return torch.cat(ctx), torch.cat(tgt)


def train_neural(name: str, data, steps: int, device, seed: int = 0, log=print):
    """按步数训练一个神经模型, 返回 (结果行, logits_fn) —— 结果行含两种困惑度、验证子集曲线与每秒词元数。"""
    import torch

    s = dict(SETTINGS[name])
    vocab = data["vocab"]
    stoi = {w: i for i, w in enumerate(vocab)}
    s["bos_id"] = stoi["<s>"]
    torch.manual_seed(seed)  # 参数初始化用全局生成器; 取批次用下面的显式生成器
    model, loss_fn, logits_fn = build_model(name, len(vocab), s)
    model.to(device)
    n_params = sum(p.numel() for p in model.parameters())  # 共享的参数只数一次
    train_enc = encode(data["train"], stoi)
    stream = {"ids": torch.tensor([i for ids in train_enc for i in ids])}
    if name == "ffnn":
        stream["ffnn_ctx_index"], stream["ffnn_targets"] = ffnn_examples(train_enc, s["context_size"], s["bos_id"])
    gen = torch.Generator().manual_seed(seed)
    batch_fn = make_batcher(name, stream, s, gen, device)
    decay = [p for p in model.parameters() if p.dim() >= 2]
    no_decay = [p for p in model.parameters() if p.dim() < 2]
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": s["weight_decay"]},
                             {"params": no_decay, "weight_decay": 0.0}], lr=s["lr"])
    vsub = valid_subset(data["valid"])
    sync = torch.cuda.synchronize if device.type == "cuda" else (lambda: None)

    def valid_ppl():
        model.eval()
        ppl = corpus_perplexity(vsub, [a.sum() for a in score_lines(logits_fn, vsub, vocab, device)])
        model.train()
        return ppl

    curve = [[0.0, round(valid_ppl(), 3)]]
    eval_at = {round(steps * k / 12) for k in range(1, 13)}
    trained, tokens = 0.0, 0
    model.train()
    log(f"[{name}] 参数 {n_params:,} | 设备 {device} | {steps} 步 | 初始验证困惑度 {curve[0][1]:.0f}")
    for step in range(steps):
        t0 = time.perf_counter()
        for group in opt.param_groups:
            group["lr"] = lr_at(step / steps, s)
        x, y = batch_fn()
        loss = loss_fn((x, y))
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), s["clip"])
        opt.step()
        if step % 50 == 0:
            sync()
            if not math.isfinite(loss.item()):
                raise FloatingPointError(f"{name}: 训练损失变成 {loss.item()}")
        sync()
        trained += time.perf_counter() - t0
        tokens += int((y != -100).sum())
        if step + 1 in eval_at:
            curve.append([round(trained, 2), round(valid_ppl(), 3)])
            log(f"[{name}] {trained:6.0f} 秒 {step + 1:6d} 步 | 训练损失 {loss.item():.3f} | "
                f"验证子集困惑度 {curve[-1][1]:.1f}")
    model.eval()
    t0 = time.perf_counter()
    test_logp = score_lines(logits_fn, data["test"], vocab, device)
    ppl = both_perplexities(data["test"], [a.sum() for a in test_logp])
    eval_s = time.perf_counter() - t0
    log(f"[{name}] 测试集困惑度 {ppl['perplexity']:.2f}, 子集 {ppl['perplexity_subset']:.2f} (评估 {eval_s:.0f} 秒)")
    settings = {k: (list(v) if isinstance(v, tuple) else v) for k, v in s.items() if k != "bos_id"}
    settings.update({"optimizer": "AdamW", "lr_schedule": f"linear warmup {s['warmup']:.0%} of the steps, then "
                     f"cosine to {s['min_lr_ratio']} x peak (by step)", "steps": steps,
                     "tokens_seen": tokens, "epochs": round(tokens / len(stream["ids"]), 3),
                     "torch_threads": torch.get_num_threads(), "seed": seed, "eval_seconds": round(eval_s, 1),
                     "evaluation": _eval_note(name, s)})
    label = {"ffnn": "前馈 FFNN (Bengio 2003)", "lstm": "LSTM"}[name]
    row = {"model": label, "family": name, **ppl, "train_seconds": round(trained, 2),
           "tokens_per_second": round(tokens / trained), "limit": LIMITS[name],
           "parameters": int(n_params), "device": device.type, "settings": settings, "curve": curve}
    return row, logits_fn


def checkpoint_row(data, device, log=print):
    """课程随附的迷你 GPT: 按协议评估 fp16 检查点, 与卡片核对; 返回 (结果行, logits_fn)。"""
    from course.checkpoints import load_checkpoint
    from course.perplexity import sliding_logits

    model, vocab, card = load_checkpoint(device=device)
    if tuple(vocab) != tuple(data["vocab"]):
        raise ValueError("检查点的字表与共用字表不同")

    def logits_fn(x):
        return sliding_logits(model, x, model.config.block_size)

    t0 = time.perf_counter()
    ppl = both_perplexities(data["test"], [a.sum() for a in score_lines(logits_fn, data["test"], vocab, device)])
    eval_s = time.perf_counter() - t0
    for key, col in (("test", "perplexity"), ("subset", "perplexity_subset")):
        if abs(ppl[col] - card["perplexity"][key]) > 0.01:
            raise ValueError(f"检查点在 {key} 上的困惑度 {ppl[col]} 与卡片上的 {card['perplexity'][key]} 不符")
    log(f"[gpt] 课程检查点: 测试集困惑度 {ppl['perplexity']:.2f}, 子集 {ppl['perplexity_subset']:.2f} "
        f"(与卡片一致; 评估 {eval_s:.0f} 秒)")
    settings = dict(card["recipe"], steps=card["steps"], tokens_seen=card["tokens_seen"], epochs=card["epochs"],
                    torch_threads=card["torch_threads"], seed=card["seed"], eval_seconds=round(eval_s, 1),
                    checkpoint=f"course/checkpoints/{card['name']}.pt (fp16, sha256 {card['sha256'][:12]}…)",
                    command=card["command"], evaluation=_eval_note("gpt", card["config"]))
    row = {"model": "迷你 GPT (课程检查点)", "family": "gpt", **ppl, "train_seconds": card["train_seconds"],
           "tokens_per_second": card["tokens_per_second"], "limit": LIMITS["gpt"],
           "parameters": card["parameters"], "device": device.type, "settings": settings, "curve": []}
    return row, logits_fn


def interpolated_row(label: str, neural: dict, logits_fn, data, device, log=print) -> dict:
    """神经模型与 4 元 Kneser-Ney 逐词元插值: P = λ P_神经 + (1 - λ) P_KN, λ 在验证子集上选。"""
    kn = data["kn"]
    vsub, test, vocab = valid_subset(data["valid"]), data["test"], data["vocab"]
    t0 = time.perf_counter()
    nv = np.concatenate(score_lines(logits_fn, vsub, vocab, device))
    kv = kn.token_logprobs(vsub)
    grid = np.round(np.linspace(0.0, 1.0, 41), 3)

    def mixed(lam, n, k):  # ln(λ e^n + (1-λ) e^k), λ = 0 或 1 时退化成其中一个
        with np.errstate(divide="ignore"):
            return np.logaddexp(np.log(lam) + n, np.log1p(-lam) + k)

    lam = float(grid[int(np.argmax([mixed(lam, nv, kv).mean() for lam in grid]))])
    nt = np.concatenate(score_lines(logits_fn, test, vocab, device))
    mix = mixed(lam, nt, kn.token_logprobs(test))
    ppl = both_perplexities(test, _line_sums(mix, test))
    log(f"[mix] {label}: λ = {lam:.3f}, 测试集困惑度 {ppl['perplexity']:.2f}, 子集 {ppl['perplexity_subset']:.2f} "
        f"({time.perf_counter() - t0:.0f} 秒)")
    return {"model": label, "family": "mix", **ppl, "train_seconds": neural["train_seconds"],
            "tokens_per_second": neural.get("tokens_per_second"), "limit": LIMITS["mix"],
            "parameters": neural["parameters"] + kn.n_entries, "device": device.type,
            "settings": {"mixture": "per token: P = λ P_neural + (1 - λ) P_KN4", "lambda": lam,
                         "lambda_chosen_on": f"valid subset ({len(vsub)} lines), grid of 41",
                         "neural": neural["model"], "ngram": "4-gram Kneser-Ney"}, "curve": []}


def _eval_note(name, s):
    if name == "ffnn":
        return f"exact: each token from the previous {s['context_size']} ids, line start padded with <s>"
    if name == "lstm":
        return "exact: each line from <s> with zero state, full line as context"
    return (f"lines <= {s['block_size']} tokens: full context from <s>; longer lines: sliding windows "
            f"(stride {s['block_size'] // 2}), every token sees >= {s['block_size'] // 2} previous ids of its line")


# ---------------------------------------------------------------- 输出
def machine() -> str:
    import torch

    cpu = platform.processor() or platform.machine()
    return f"{cpu}, {os.cpu_count()} CPUs, torch {torch.__version__}, Python {platform.python_version()}"


def markdown_table(rows: list[dict]) -> str:
    lines = ["| 模型 | 设备 | 测试集困惑度 | 子集困惑度 | 训练时间 (秒) | 词元/秒 | 参数 |",
             "|---|---|---:|---:|---:|---:|---:|"]
    for r in rows:
        tps = f"{r['tokens_per_second']:,}" if r.get("tokens_per_second") else "—"
        lines.append(f"| {r['model']} | {r['device']} | {r['perplexity']:.1f} | {r.get('perplexity_subset', float('nan')):.1f}"
                     f" | {r['train_seconds']:.1f} | {tps} | {r['parameters']:,} |")
    return "\n".join(lines)


def plot(rows: list[dict], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from course.plotting import setup_chinese_font

    setup_chinese_font()
    fig, ax = plt.subplots(figsize=(8, 5))
    ngrams = [r for r in rows if r["family"] == "ngram" and r.get("order", 0) >= 2]
    styles = {"加 k": ":", "插值": "-.", "Kneser": "--"}
    for r in ngrams:
        if "加 k" in r["model"] and r["order"] < 4:
            continue  # 只画 4 元加 k, 图不至于太挤
        ls = next(v for k, v in styles.items() if k in r["model"])
        ax.axhline(r["perplexity"], color="gray", ls=ls, lw=1)
        ax.annotate(f"{r['model']} {r['perplexity']:.0f}", (1.0, r["perplexity"]), xycoords=("axes fraction", "data"),
                    xytext=(-4, 2), textcoords="offset points", ha="right", va="bottom", fontsize=7, color="dimgray")
    colors = {"ffnn": "tab:orange", "lstm": "tab:blue", "gpt": "tab:green"}
    for r in rows:
        if r["family"] not in colors or len(r["curve"]) < 2:
            continue
        xs = [max(c[0], 0.5) for c in r["curve"][1:]]
        ys = [c[1] for c in r["curve"][1:]]
        ls = "-" if r["device"] == "cpu" else "--"
        ax.plot(xs, ys, ls, marker="o", ms=3, color=colors[r["family"]], label=f"{r['model']} ({r['device']}, 验证子集)")
        ax.plot([r["train_seconds"]], [r["perplexity"]], "*", ms=12, color=colors[r["family"]])
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("训练时间 (秒, 对数坐标)")
    ax.set_ylabel("困惑度 (对数坐标)")
    ax.set_title("人民日报字级困惑度阶梯: 灰线 = n-gram (测试集), 星 = 神经模型最终测试集困惑度")
    if ax.get_legend_handles_labels()[0]:
        ax.legend(fontsize=8, loc="upper right")
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=120)
    plt.close(fig)


def merge_rows(old: list[dict], new: list[dict]) -> list[dict]:
    """保留旧文件里其他 (模型, 设备) 的行, 本次的行替换同名同设备的旧行。"""
    key = lambda r: (r["model"], r["device"])
    fresh = {key(r) for r in new}
    return [r for r in old if key(r) not in fresh] + new


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.ladder", description=__doc__.split("\n")[0])
    parser.add_argument("--steps-scale", type=float, default=1.0, help="神经模型的步数乘这个数 (快速检查用)")
    parser.add_argument("--device", default=None, help="cpu / cuda; 默认 course.get_device()")
    parser.add_argument("--threads", type=int, default=2, help="CPU 线程数 (course.device.set_cpu_threads)")
    parser.add_argument("--models", nargs="+", default=list(NGRAM_MODELS + NEURAL_MODELS),
                        choices=list(NGRAM_MODELS + NEURAL_MODELS))
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, default=RESULTS_JSON)
    args = parser.parse_args(argv)

    from course.device import get_device, set_cpu_threads

    device = get_device(args.device)
    set_cpu_threads(args.threads)
    start = time.perf_counter()
    data = load_data()
    print(f"字表 {len(data['vocab'])} (可预测 |V| = {data['V']}); 训练 {len(data['train'])} 行, "
          f"测试 {len(data['test'])} 行, N = {sum(len(s) + 1 for s in data['test']):,}", flush=True)
    log = lambda m: print(m, flush=True)
    rows = []
    if "ngram" in args.models or any(m in args.models for m in NEURAL_MODELS):
        ngram_rows = run_ngrams(data)  # 插值也要 4 元 Kneser-Ney
        if "ngram" in args.models:
            rows += ngram_rows
        print(f"n-gram 完成 ({time.perf_counter() - start:.0f} 秒)", flush=True)
    for name in NEURAL_MODELS:
        if name not in args.models:
            continue
        if name == "gpt":
            row, logits_fn = checkpoint_row(data, device, log=log)
        else:
            steps = max(1, round(SETTINGS[name]["steps"] * args.steps_scale))
            row, logits_fn = train_neural(name, data, steps, device, seed=args.seed, log=log)
        rows.append(row)
        if name in ("lstm", "gpt"):
            rows.append(interpolated_row(f"{row['model']} + 4-gram Kneser-Ney 插值".replace(" (课程检查点)", ""),
                                         row, logits_fn, data, device, log=log))
    old = []
    if args.out.exists():
        try:
            old = json.loads(args.out.read_text(encoding="utf-8")).get("rows", [])
        except (json.JSONDecodeError, AttributeError):
            old = []
    all_rows = merge_rows(old, rows)
    result = {"machine": machine(), "device": device.type, "torch_threads": args.threads,
              "steps_scale": args.steps_scale,
              "perplexity": "course.perplexity protocol: whole test split, per token incl. </s>, every line from <s>, "
                            f"<s> masked, over V = vocab minus <s> (|V| = {data['V']}); perplexity_subset = the same "
                            "on course.perplexity.eval_subset() (test lines 0, 10, 20, …)",
              "rows": all_rows}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    plot(all_rows, args.out.with_suffix(".png"))
    print(markdown_table(all_rows))
    ngram_best = min((r for r in all_rows if r["family"] == "ngram"), key=lambda r: r["perplexity"], default=None)
    neural_best = min((r for r in all_rows if r["family"] != "ngram"), key=lambda r: r["perplexity"], default=None)
    if ngram_best and neural_best:
        gap = 100 * (1 - neural_best["perplexity"] / ngram_best["perplexity"])
        print(f"\n最好的神经模型 {neural_best['model']} ({neural_best['device']}) {neural_best['perplexity']:.1f} vs "
              f"最好的 n-gram {ngram_best['model']} {ngram_best['perplexity']:.1f}: "
              + (f"低 {gap:.1f} %" if gap >= 0 else f"高 {-gap:.1f} % (没有达到目标)"))
    print(f"写入 {args.out} 与 {args.out.with_suffix('.png')} (共 {time.perf_counter() - start:.0f} 秒)")
    return 0


if __name__ == "__main__":
    import sys

    sys.exit(main(sys.argv[1:]))
