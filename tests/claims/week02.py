"""第 2 周 prose 里的数字与比较 (见 tests/claims/__init__.py)。

来源: bench/results/outputs/week02_ngram.txt (完整运行打印的文字) 与 bench/results/ladder.json。
"""
from __future__ import annotations

import ast
import re

from tests.claims import NUMBER, Claim


def _dict_after(S, label: str) -> dict:
    """打印文字里 `label` 之后那一行的 Python 字典字面量。"""
    m = re.search(re.escape(label) + r"\s*(\{.*\})", S.output)
    if m is None:
        raise AssertionError(f"找不到 {label!r}")
    return ast.literal_eval(m.group(1))


def _table(S, header: str, ncols: int) -> dict[int, list[float]]:
    """`header` 之后的表格: {n: [该行除 n 以外的数]}, n = 1..4。"""
    start = S.output.index(header)
    rows = {}
    for n in range(1, 5):
        m = re.compile(rf"^ {n} \|(.*)$", re.M).search(S.output, start)
        rows[n] = [float(x) for x in re.findall(NUMBER + "|inf", m.group(1).replace(",", ""))][:ncols]
    return rows


def _ngram_table(S):  # 2.3 节: 不同的 n-gram 数, |V|^n, 验证集里没见过的比例 (%)
    return _table(S, "训练集中要预测的词元数 N", 3)


def _ppl_table(S):  # 2.9 节: 加 k 验证, 加 k 测试, 插值验证, 插值测试
    return _table(S, " n | 加 k 验证 | 加 k 测试 | 插值验证 | 插值测试", 4)


def _copies(S) -> dict[int, list[int]]:
    """2.10 节: 每阶 3 个样本各自与训练集相同的最长片段的字数。"""
    out = {}
    for n in range(1, 5):
        block = S.output.split(f"--- {n} 元 ---")[1].split("---")[0]
        out[n] = [int(x) for x in re.findall(r"与训练集相同的最长片段: (\d+) 字", block)]
        assert len(out[n]) == 3, out
    return out


def _ladder_agrees(S) -> bool:
    """与阶梯核对的表: 你的数与阶梯的数 (三位小数) 逐个相同, 且等于 ladder.json。"""
    rows = _table(S, " n | 加 k: 你的 perplexity |", 4)
    return all(r[0] == r[1] == round(S.ladder(f"{n}-gram 加 k 平滑"), 3)
               and r[2] == r[3] == round(S.ladder(f"{n}-gram 插值"), 3) for n, r in rows.items())


CLAIMS = [
    Claim("人民日报训练集大约只有 $1.5 \\times 10^6$ 个字，而三元模型就有 $6.6 \\times 10^{10}$ 个参数",
          lambda S: abs(S.printed(r"train:\s+\d+ 行,") / 1.5e6 - 1) < 0.05
          and round(S.printed(r"n = 3: \|V\|\^n = ") / 1e10, 1) == 6.6,
          "2.2 节打印的 |V|^n 与训练集字数"),
    Claim("每个概率都小于 1，乘上几百个就会*下溢*（underflow）成 0",
          lambda S: S.printed(r"直接连乘: ") == 0.0 and S.printed(r"对数相加: ") < -2000,
          "2.5 节打印的 300 个 0.001 直接连乘与对数相加"),
    Claim("整句概率为 0",
          lambda S: "3 元模型: ln P = -inf, P = 0.0000" in S.output and S.printed(r"2 元模型: ln P = .*?P = ") == 0.25,
          "2.6 节打印的二元、三元模型下新句子的概率"),
    Claim("但也越容易遇到没见过的组合",
          lambda S: (lambda t: t[1][2] < t[2][2] < t[3][2] < t[4][2])(_ngram_table(S)),
          "2.3 节打印的验证集 n-gram 中训练集没见过的比例, 随 n 增大"),
    Claim("四元组太稀疏，大部分时候模型只能退回低阶",
          lambda S: _ngram_table(S)[4][2] > 50, "2.3 节打印的验证集四元组中训练集没见过的比例 (%)"),
    Claim("验证集里相当一部分三元、四元组在训练集中从没出现过",
          lambda S: _ngram_table(S)[3][2] > 30 and _ngram_table(S)[4][2] > 30, "2.3 节打印的没见过的比例"),
    Claim("一元模型的每个字在训练集里都出现过（字表只收出现至少 2 次的字），\n困惑度是有限的；从二元开始，验证集里总有没见过的 n-gram，困惑度变成 $\\infty$",
          lambda S: "MLE 1 元: 验证集困惑度 " in S.output and "inf" not in S.output.split("MLE 1 元")[1].split("\n")[0]
          and all(re.search(rf"MLE {n} 元: 验证集困惑度\s+inf", S.output) for n in (2, 3, 4)),
          "2.7 节打印的最大似然模型的验证集困惑度"),
    Claim("对二元及更高阶的模型，$k = 1$ 远远不是好选择（验证集困惑度是最好的 $k$ 的两倍以上）",
          lambda S: all(_dict_after(S, "k = 1 时的验证集困惑度:")[n] > 2 * _dict_after(S, "对应的验证集困惑度:")[n]
                        for n in (2, 3, 4)),
          "2.8 节打印的 k = 1 与最好的 k 的验证集困惑度"),
    Claim("字表有四千多个字", lambda S: 4000 < S.printed(r"字表大小 ") < 5000, "2.2 节打印的字表大小"),
    Claim("最好的 $k$ 小得多",
          lambda S: all(float(k) <= 0.1 for k in _dict_after(S, "验证集上最好的 k:").values()),
          "2.8 节打印的最好的 k"),
    Claim("即使选了最好的 $k$，加 k 平滑的三元、四元模型反而比二元模型更差",
          lambda S: all(_ppl_table(S)[n][c] > _ppl_table(S)[2][c] for n in (3, 4) for c in (0, 1)),
          "2.9 节打印的加 k 验证、测试困惑度"),
    Claim("通常还能再好一些：\n本节末尾与阶梯核对时，也打印了阶梯上四元 Kneser-Ney 模型的测试集困惑度，它低于四元插值模型",
          lambda S: S.printed(r"阶梯上的插值 Kneser-Ney \(文末练习 4\): 4 元 ") == round(S.ladder("4-gram Kneser-Ney"), 3)
          < _ppl_table(S)[4][3],
          "2.9 节打印的阶梯上的 Kneser-Ney (bench/results/ladder.json) 与本周的四元插值"),
    Claim("再把你的数字和阶梯记录的数字（`course.perplexity.ladder_result`）并排打印：两列应当一致",
          _ladder_agrees, "2.9 节打印的核对表与 bench/results/ladder.json"),
    Claim("插值模型的困惑度随 $n$ 单调下降，但从三元到四元的改进小得多",
          lambda S: (lambda t: t[1][3] > t[2][3] > t[3][3] > t[4][3] and t[3][3] - t[4][3] < (t[2][3] - t[3][3]) / 4)(
              _ppl_table(S)),
          "2.9 节打印的插值测试困惑度"),
    Claim("加 k 平滑简单但把概率平均分给没见过的词元，$k$ 要在验证集上选；插值让高阶模型退回低阶模型，效果好得多",
          lambda S: min(r[3] for r in _ppl_table(S).values()) < 0.6 * min(r[1] for r in _ppl_table(S).values()),
          "2.9 节打印的测试集困惑度: 最好的插值模型低于最好的加 k 模型的 0.6 倍"),
    Claim("阶数越高，句子里与训练集一字不差的片段越长（每句后面括号里的数字），\n四元模型的句子里有十几个字的片段照抄训练集",
          lambda S: (lambda c: all(max(c[n]) < max(c[n + 1]) and sum(c[n]) < sum(c[n + 1]) for n in (1, 2, 3))
                     and 10 < max(c[4]) < 20)(_copies(S)),
          "2.10 节打印的每个样本与训练集相同的最长片段"),
    Claim("训练集里绝大多数三字历史后面只跟过一种字（上面打印的比例）",
          lambda S: S.printed(r"后面只跟过一种字的占") > 75, "2.10 节打印的比例"),
]

NOT_MEASURED = [
    "本周有 6 道计分练习（共 19 分）",                    # 作业结构
    "本周你会实现 6 个函数",
    "1998 年 1 月",                                     # 语料的出处
    "第 4、5 周的神经网络语言模型",                         # 课程结构
    "所有序列的概率加起来等于 1",                           # 定义
    "训练集中出现至少 2 次的字",                            # 共用字表的定义
    "训练集只有 1500 行",                                 # 运行参数
    "数出 1 到 4 元组",                                   # 本节做什么
    "报告 n = 1..4 的困惑度",
    "从最大似然的 1 到 4 元模型各采样几句",
    "在最大似然估计下概率为 0",                             # 定义: c(h, w) = 0
    "只要有一项概率为 0，整句的概率就是 0",
    "给整句的概率就是 0",
    # 定义、约定与练习里的例子
    "所有长度的句子的概率之和为 1",
    "第 1 种和第 2 种定义",
    "第 3 种定义",
    "共有 8 个二元组",                                    # 2.3 节手算的例子
    "句末补 1 个 `</s>`",
    "没有出现的键按 0 处理",
    "没有的键按 0 处理",
    "任意一项概率为 0 时返回",
    "总是返回 0.1",
    "在 $N$ 里算 1 个",
    "长语料的概率会下溢成 0",
    "为了让概率之和仍为 1",
    "所以概率之和仍为 1",
    "概率之和为 1，可能含",
    "没见过的 n-gram 概率为 0，一句话的概率也跟着变成 0",
    "求和等于 1",
]
