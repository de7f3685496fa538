"""第 1 周 prose 里的数字与比较 (见 tests/claims/__init__.py)。来源: bench/results/outputs/week01_text.txt。"""
from __future__ import annotations

import ast
import re

from tests.claims import Claim

FULLWIDTH_DIGITS = set("０１２３４５６７８９")


def _list_after(S, label: str) -> list:
    """打印文字里 `label` 之后那一行的 Python 列表字面量。"""
    m = re.search(re.escape(label) + r"\s*(\[.*\])", S.output)
    if m is None:
        raise AssertionError(f"找不到 {label!r}")
    return ast.literal_eval(m.group(1))


def _similarity_row(S, words: str) -> list[float]:
    """1.8 节余弦相似度矩阵里 `words` (jieba 分词, 用 " / " 连接) 那一行。"""
    m = re.search(re.escape(words) + r"\s+\[([^\]]*)\]", S.output)
    if m is None:
        raise AssertionError(f"找不到相似度的行 {words!r}")
    return [float(x) for x in m.group(1).split()]


def _f1(S, name: str) -> float:
    return S.printed(re.escape(name) + r".*?F1 = ")


def _sentiment_split_ok(S) -> bool:
    return re.search(r"“不是很好” 的分词: 不是 / 很 / 好\n", S.output) is not None


def _similarities_ok(S) -> bool:
    rows = [_similarity_row(S, w) for w in ("我 / 喜欢 / 自然语言 / 处理", "自然语言 / 处理 / 很 / 有趣",
                                            "今天 / 北京 / 天气 / 很 / 好", "北京 / 今天 / 下雨 / 了")]
    within = rows[0][1] > 0 and rows[2][3] > 0
    across = {(i, j): rows[i][j] for i in (0, 1) for j in (2, 3)}
    # 两组之间只有共享 "很" 的第 2、3 句相似度不为 0, 且都低于组内
    return within and across.pop((1, 2)) > 0 and all(v == 0 for v in across.values()) \
        and rows[1][2] < min(rows[0][1], rows[2][3])


CLAIMS = [
    Claim("按字切，序列大约长 1.6 倍",
          lambda S: 1.55 <= S.printed(r"按字: ") / S.printed(r"按词: ") < 1.65,
          "1.2 节打印的按字、按词的词元数"),
    Claim("但不同词元的种类少了一个数量级",
          lambda S: 10 <= S.printed(r"按词: ", 1) / S.printed(r"按字: ", 1) < 100,
          "1.2 节打印的不同的词、不同的字的种类数"),
    Claim("将近一半的词在整整一个月的报纸里只出现一次",
          lambda S: 40 <= S.printed(r"只出现一次的词占词种类的") < 50,
          "1.2 节打印的只出现一次的词的比例"),
    Claim("jieba 0.42.1 的词典里没有“大语言”、“语言模型”、“大模型”这些新词，所以最大匹配的结果和上面的小词典一样",
          lambda S: "jieba 0.42.1" in S.output
          and "{'大语言': False, '语言模型': False, '大模型': False" in S.output
          and "一起学习大语言模型:  正向 一起 / 学习 / 大 / 语言 / 模型   逆向 一起 / 学习 / 大 / 语言 / 模型" in S.output,
          "1.3 节打印的版本、词典查询和分词结果"),
    Claim("词表小（几千个常用字），几乎没有未登录词",
          lambda S: 1000 <= S.printed(r"按字: ", 1) < 10_000 and S.printed(r"测试集里训练集没见过的: 词 ", 1) < 0.5,
          "1.2 节打印的字的种类数与测试集里训练集没见过的字的比例 (%)"),
    Claim("测试集里训练集没见过的字比没见过的词少得多",
          lambda S: S.printed(r"测试集里训练集没见过的: 词 ", 1) < S.printed(r"测试集里训练集没见过的: 词 ") / 10,
          "1.2 节打印的测试集里训练集没见过的词、字的比例"),
    Claim("按字词表小、序列长；按词序列短、词表大",
          lambda S: S.printed(r"按字: ", 1) < S.printed(r"按词: ", 1) and S.printed(r"按字: ") > S.printed(r"按词: "),
          "1.2 节打印的词元数与种类数"),
    Claim("TF-IDF 给每个词乘上一个*逆文档频率*，压低到处都出现的词",
          lambda S: max(S.printed(r"“的” 和 “，” 的权重: "), S.printed(r"“的” 和 “，” 的权重: ", 1))
          < min(w for _, w in _list_after(S, "权重最高的词:")) / 3,
          "1.7 节打印的 TF-IDF 权重: “的”、“，” 的权重不到权重最高的词的三分之一"),
    Claim("在 jieba 词典里“未结”也是一个词，所以正向最大匹配把“未结婚”切成了“未结 / 婚”",
          lambda S: "'未结': True" in S.output and "正向 结婚 / 的 / 和尚 / 未结 / 婚 / 的" in S.output,
          "1.3 节打印的词典查询和分词结果"),
    Claim("三种方法的 $F_1$ 都在 0.80 左右",
          lambda S: all(abs(_f1(S, n) - 0.80) < 0.015 for n in ("正向最大匹配 (L=4)", "逆向最大匹配 (L=4)", "jieba.lcut")),
          "1.4 节打印的 F1"),
    Claim("逆向最大匹配略好于正向",
          lambda S: 0 < _f1(S, "逆向最大匹配 (L=4)") - _f1(S, "正向最大匹配 (L=4)") < 0.01,
          "1.4 节打印的 F1"),
    Claim("基于统计的 jieba 并没有明显胜出",
          lambda S: _f1(S, "jieba.lcut") - max(_f1(S, "正向最大匹配 (L=4)"), _f1(S, "逆向最大匹配 (L=4)")) < 0.005,
          "1.4 节打印的 F1"),
    Claim("大量错误来自全角数字",
          lambda S: (lambda top: sum(c for w, c in top if set(w) <= FULLWIDTH_DIGITS) > 0.5 * sum(c for _, c in top))(
              _list_after(S, "最常切错的词:")),
          "1.4 节打印的最常切错的 20 个词: 全角数字占其中一半以上的错误"),
    Claim("人名也是：人民日报规范把姓和名分开（`江 / 泽民`）",
          lambda S: "江 / 泽民" in S.output, "1.4 节打印的金标准例子"),
    Claim("`min_freq` 从 1 提到 5，词表缩小到约四分之一，但测试集里被当作 `<unk>` 的词元多了一倍多",
          lambda S: 0.2 <= S.printed(r"min_freq = 5: \|V\| = ") / S.printed(r"min_freq = 1: \|V\| = ") <= 0.3
          and S.printed(r"min_freq = 5: \|V\| = ", 1) > 2 * S.printed(r"min_freq = 1: \|V\| = ", 1),
          "1.5 节打印的词表大小与未登录词率"),
    Claim("5 个不同的词留下 $1 - 5/16384 \\approx 99.97\\%$ 的零",
          lambda S: S.printed(r"零的比例 1 - 5/16384 = ") == 99.97, "1.6 节打印的零的比例"),
    Claim("共享“自然语言 / 处理”的前两句彼此相似，共享“今天 / 北京”的后两句彼此相似，两组之间除了“很”以外没有共同的词",
          _similarities_ok, "1.8 节打印的余弦相似度矩阵"),
    Claim("拟合的斜率约为 $-1.1$，与齐夫定律的 $-1$ 相近",
          lambda S: abs(S.printed(r"拟合: ln f = ", 1) - (-1.1)) < 0.05, "1.9 节打印的拟合直线"),
    Claim("字的种类少得多，曲线在尾部更早地掉下去",
          lambda S: S.printed(r"按字: ", 1) < S.printed(r"按词: ", 1) / 10, "1.2 节打印的种类数 (曲线在最后一名处结束)"),
    Claim("少数高频词占了大部分出现次数，而大量的词只出现一两次",
          lambda S: S.printed(r"词种类的 1%\) 占全部词元的") > 50 and S.printed(r"只出现一两次的词占词种类的") > 50,
          "1.9 节打印的最常见的 1% 的词所占的比例与只出现一两次的词的比例"),
    Claim("评论有一万多条",
          lambda S: 10_000 <= S.printed(r"训练 ") + S.printed(r"训练 ", 1) < 20_000, "1.10 节打印的训练、测试评论数"),
    Claim("完整运行时准确率在 0.83 左右，比总猜多数类高得多",
          lambda S: abs(S.printed(r"测试集准确率 ") - 0.83) < 0.01
          and S.printed(r"测试集准确率 ") - S.printed(r"测试集准确率 ", 1) > 0.2,
          "1.10 节打印的准确率与多数类基线"),
    Claim("“不是很好”被 jieba 切成 不是 / 很 / 好，其中“很”和“好”都是给正面加分最多的词之一",
          lambda S: _sentiment_split_ok(S) and {"很", "好"} <= set(_list_after(S, "最 “正面” 的词:")),
          "1.10 节打印的分词与最 “正面” 的 10 个词"),
]

NOT_MEASURED = [
    "本周有 7 道计分练习（共 20 分）",                      # 作业结构
    "1998 年 1 月",                                       # 语料的出处
    "第 2、4、5 周的语言模型按字建模",                       # 课程结构
    "| 0 | 一起学习 ✗，一起学 ✗，一起 ✓ | 一起 |",              # 1.3 节手算的例子
    "| 2 | 学习大语 ✗，学习大 ✗，学习 ✓ | 学习 |",
    "| 4 | 大语言模 ✗，大语言 ✗，大语 ✗ | 大（单字兜底） |",
    "| 5 | 语言模型 ✗，语言模 ✗，语言 ✓ | 语言 |",
    "| 7 | 模型 ✓（只剩 2 个字） | 模型 |",
    "对了 3 个",                                          # 1.4 节手算的例子
    "自动评分时只用测试集的前 300 行",                       # 运行参数
    "“我”3 次、“爱”2 次、“你”和“北京”各 1 次；“你”（U+4F60）排在“北京”（U+5317 开头）",  # 1.5 节手算的例子
    "`<unk>` 不一定是 1 号",                               # 练习的说明
    "在词的第 10 到 10000 名上用最小二乘拟合",                # 拟合的参数
    "自动评分时只用 2000 条训练评论",                        # 运行参数
    "改用字的 1–2 元组",                                   # 开放练习
    "如果去掉 idf 末尾的“+1”",
    # 定义与约定 (公式里的 0、1、+1, L2 范数, 标签的取值)
    "分母为 0 时（没有任何词，或 $P + R = 0$）对应的值记为 0",
    "分母为 0 时对应的值为 `0.0`",
    "只有第 $i$ 维是 1",
    "L2 范数",
    "L2 归一化",
    "分子分母的“+1”相当于多了一篇包含每个词一次的文档，避免除以 0；末尾的“+1”让出现在所有文档里的词权重不为 0",
    "空文档的那一行全为 0",
    "没有共同的词为 0，方向相同为 1",
    "我们约定此时返回 0",
    "正面（1）还是负面（0）",
    "第 2 篇",                                            # 1.7 节手算的例子
    "第 1 篇",
]
