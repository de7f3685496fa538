"""第 6 周 prose 里的数字与比较的来源 (见 tests/claims/__init__.py)。

6.10–6.12 节的比较都来自正常模式完整运行时打印的文字 (bench/results/outputs/week06_decoding.txt):
6.11 节的表 (每种方法在同样几个提示上各生成一条续写, 条数相同)、BLEU 单元、6.12 节的小模型;
以及随附检查点的卡片 (course/checkpoints/minigpt_peoples_daily.json) 和阶梯 (bench/results/ladder.json)。
"""
from __future__ import annotations

import re
from collections import Counter

from tests.claims import NUMBER, Claim

SEARCH = ("贪心", "束搜索")
SAMPLERS = ("纯采样", "温度", "top-k", "top-p")


def table(S) -> dict[str, list[float]]:
    """6.11 节打印的表: {方法名: [distinct-1, distinct-2, 重复率, 平均长度]}。"""
    m = re.search(r"方法\s*\|\s*distinct-1[^\n]*\n((?:[^\n|]+(?:\|[^\n]*){4}\n)+)", S.output)
    assert m, "找不到 6.11 节的表"
    rows = {}
    for line in m.group(1).splitlines():
        name, *nums = [p.strip() for p in line.split("|")]
        rows[name] = [float(x) for x in nums]
    assert len(rows) == 6, rows
    return rows


def rows_of(S, prefixes):
    t = table(S)
    out = [v for k, v in t.items() if k.startswith(prefixes)]
    assert len(out) == len(prefixes), (prefixes, list(t))
    return out


def search_least_diverse(S, strict: bool) -> bool:
    """贪心和束搜索的 distinct-1/2 不高于 (strict: 低于) 每一种采样方法, 重复率不低于 (strict: 高于) 它们。"""
    search, samplers = rows_of(S, SEARCH), rows_of(S, SAMPLERS)
    lt = (lambda a, b: a < b) if strict else (lambda a, b: a <= b)
    return all(lt(s[j], t[j]) for s in search for t in samplers for j in (0, 1)) and \
        all(lt(t[2], s[2]) for s in search for t in samplers)


def search_repeats(S) -> bool:
    """贪心和束搜索的重复率都不小 (> 0.1) 且高于每一种采样方法。"""
    search, samplers = rows_of(S, SEARCH), rows_of(S, SAMPLERS)
    return all(s[2] > 0.1 and all(s[2] > t[2] for t in samplers) for s in search)


def sharper_less_diverse(S) -> bool:
    """温度 T=0.7 和 top-k 的 distinct-1 都低于纯采样。"""
    t = table(S)
    pure = next(v for k, v in t.items() if k.startswith("纯采样"))
    return all(v[0] < pure[0] for k, v in t.items() if k.startswith(("温度", "top-k")))


def bleu_values(S, order: int) -> list[float]:
    """6.11 节之后的 BLEU 单元打印的所有字级 BLEU-order (1 或 2) 的值。"""
    return [float(m[order - 1]) for m in re.findall(rf"字级 BLEU-1 = ({NUMBER}), BLEU-2 = ({NUMBER})", S.output)]


def own_vs_checkpoint(S) -> tuple[float, float]:
    """6.12 节打印的 (我们的小模型的困惑度, 课程检查点的困惑度)。"""
    return S.printed(r"困惑度 \(同样的 \d+ 行\): 我们的小模型"), S.printed(r"困惑度 \(同样的 \d+ 行\):.*?课程检查点")


def own_greedy_loops(S) -> bool:
    """小模型的贪心续写 (去掉提示) 里最常见的一个字占一半以上。"""
    m = re.search(r"我们的小模型的贪心续写: (\S+)", S.output)
    prompt = re.search(r"提示「(\S+?)」的续写", S.output).group(1)
    text = m.group(1)[len(prompt):]
    return len(text) >= 8 and Counter(text).most_common(1)[0][1] >= len(text) / 2


CLAIMS = [
    Claim("贪心和束搜索就会一遍遍生成它（6.11 节会看到）", search_repeats,
          "6.11 节打印的表: 贪心、束搜索的重复率"),
    Claim("它们的重复率在表里最高，distinct-1/2 最低", lambda S: search_least_diverse(S, strict=False),
          "6.11 节打印的表"),
    Claim("四种采样方法的续写条数和贪心一样多，它们的 distinct-1/2 都高于贪心和束搜索，重复率都更低",
          lambda S: search_least_diverse(S, strict=True) and re.search(r"每种方法 \d+ 条续写", S.output) is not None,
          "6.11 节打印的表 (每种方法的续写条数相同)"),
    Claim("降低温度和 top-k 让分布变尖，它们的 distinct-1 都低于纯采样", sharper_less_diverse,
          "6.11 节打印的表"),
    Claim("BLEU 远低于 1（看下面打印的 BLEU-1、BLEU-2）",
          lambda S: len(bleu_values(S, 2)) == 2 and max(bleu_values(S, 1) + bleu_values(S, 2)) < 0.5,
          "BLEU 单元打印的字级 BLEU-1/BLEU-2"),
    Claim("上面两行困惑度应当一致", lambda S: abs(S.printed("我们算的困惑度") - S.printed("卡片上的困惑度: 固定子集")) < 0.01,
          "6.10 节打印的困惑度与卡片上的固定子集困惑度"),
    Claim("检查点的困惑度仍然高于阶梯里最好的 n-gram 模型",
          lambda S: S.card("perplexity", "test") > S.ladder("4-gram Kneser-Ney")
          and abs(S.printed(r"4-gram Kneser-Ney\), 完整测试集") - S.ladder("4-gram Kneser-Ney")) < 0.01,
          "检查点卡片的完整测试集困惑度 vs 阶梯的 4-gram Kneser-Ney"),
    Claim("检查点是在 CPU 上按几千步训练出来的",
          lambda S: 2000 <= S.card("steps") < 10000 and "cpu" in S.card("machine").lower(),
          "检查点卡片的 steps 与 machine"),
    Claim("在 notebook 的时间预算里训练出来的模型严重欠训练",
          lambda S: own_vs_checkpoint(S)[0] > 2 * own_vs_checkpoint(S)[1], "6.12 节打印的两个困惑度"),
    Claim("检查点的模型更大，看过的词元多得多（上面打印了倍数）",
          lambda S: S.printed(r"课程检查点: .*? block_size = \d+,") > S.printed(r"我们的小模型: ")
          and S.printed(r"课程检查点看过 [\d,]+ 个词元, 是它的") >= 20
          and S.card("tokens_seen") >= 20 * S.printed(r"训练 \d+ 步 × \d+ × \d+ ="),
          "6.10 与 6.12 节打印的参数个数、检查点卡片的 tokens_seen 与小模型的位置数"),
    Claim("在同一批行上的困惑度低得多", lambda S: own_vs_checkpoint(S)[0] > 2 * own_vs_checkpoint(S)[1],
          "6.12 节打印的两个困惑度"),
    Claim("贪心解码时最可能的下一个字几乎总是同一个，续写就原地打转", own_greedy_loops,
          "6.12 节打印的小模型的贪心续写"),
    Claim("在 6.11 节条数相同的比较里，贪心和束搜索重复最多、distinct-n 最低，四种采样方法都更多样",
          lambda S: search_least_diverse(S, strict=True), "6.11 节打印的表"),
]

NOT_MEASURED = [
    # 本周的结构
    "本周有 8 道计分练习（共 26 分）",  # tests/test_authoring.py 核对
   
    # 6.1 节的手写小模型与手算 (定义和例子)
    "先看一个只有 3 个词元的小模型：`</s>`（id 0）、“甲”（id 1）、“乙”（id 2）",
    "我们可以把所有不超过 3 个词元的序列都列出来",
    "它的概率 0.36 最大", "“甲”之后最好的一步是 `</s>`（0.4）",
    "个词元（可以是 0）",
    "每一步不只保留 1 个",
    "GNMT（Wu 等，2016）", "取 0.6–0.7 左右",  # 文献里的参数
    "束宽为 2 的束搜索",
    "（这样的词元概率为 0，绝不能被采到）", "一维输入返回 0 维张量",
    "用一个 8 个词元的小分布", "时熵趋于 0（确定地选最大的那个）",
    "（softmax 之后概率为 0）",
    "仍然放进来 49 个不该出现的字",  # k = 50 时的算术
    "第一个词元前面的质量是 0",
    "保留前 2 个（0.5 还不够，加上 0.25 越过了 0.7），`p = 0.3` 只保留第 1 个，`p = 0.8` 保留前 3 个",
    "（第 2、4、5 周一直在用）",
    "都能得到一元精确率 1",
    "几何平均就是 0（句子级 BLEU 常常因此为 0",
    "中有 2 个出现在参考里", "中有 1 个", "两者长度都是 3",
    "的分子为 0（",
    "它在 0 到 1 之间：1 表示没有任何重复，越接近 0 越重复",
    "共 4 个，不同的 2 个",
    # 名字里的数字 (fp16、sha256、distinct-n、BLEU-n) 与定义
    "以半精度（fp16）存储，读取时先核对文件的 sha256", "同一份 fp16 权重",
    "（测试集里下标是 10 的倍数的行）",
    "表里的 distinct-1/2", "单条续写的 distinct-4",
    "种子 42",  # 代码里的种子
    "迷你 GPT（2 层，`d_model` 64，上下文 32）",  # 代码里的超参数
    # 练习 (开放问题里的参数)
    "使束宽从 2 增加到 3 时", "除以一个大于 1 的数", "为什么句子级 BLEU 常常为 0",
    "的分子分母都加 1",
]
