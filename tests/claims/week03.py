"""第 3 周 prose 里的数字与比较的来源 (见 tests/claims/__init__.py)。

来源:
- 正常模式完整运行时打印的文字 (bench/results/outputs/week03_word2vec.txt): 词表、噪声分布与二次采样表、
  平均余弦、近邻、类比、PCA、性别方向上的投影;
- bench/results/word2vec.json (python -m bench.word2vec): 批量 B 对近邻的影响, gensim 在学习率 0.025 与 0.1 下
  的平均余弦;
- source notebook 本身 (计分函数的个数与总分) 和算术 (float64 的上限、例子里的比值)。
"""
from __future__ import annotations

import json
import math
import re
import sys

from tests.claims import ROOT, Claim

_SCORE = r"(\S+?)\((-?[\d.]+)\)"  # "元旦(0.80)" -> ("元旦", "0.80")


def _line(S, prefix: str) -> str:
    """打印文字里以 prefix 开头的第一行。"""
    for ln in S.output.splitlines():
        if ln.startswith(prefix):
            return ln
    raise AssertionError(f"打印的文字里没有以 {prefix!r} 开头的行")


def _neighbours(S, word: str) -> list[tuple[str, float]]:
    """3.8 节打印的近邻: "春节: 元旦(0.80) 节日(0.71) …" -> [("元旦", 0.80), …] (8 个)。"""
    ln = _line(S, f"{word}: ")
    return [(w, float(s)) for w, s in re.findall(_SCORE, ln[len(word) + 2:])]


def _analogy(S, a: str, b: str, c: str) -> list[str]:
    """3.9/3.11 节打印的类比前五名: "父亲 : 母亲 :: 儿子 : ?  →  妈妈(0.74) …" -> ["妈妈", …]。"""
    ln = _line(S, f"{a} : {b} :: {c} : ?")
    return [w for w, _ in re.findall(_SCORE, ln.split("→", 1)[1])]


def _table(S, word: str) -> list[float]:
    """3.5 节的表: 频数, 一元分布 %, 噪声分布 %, 二次采样丢弃概率 %。"""
    for ln in S.output.splitlines():
        cols = ln.split("|")
        if len(cols) == 5 and cols[0].strip() == word:
            return [float(x.strip().rstrip("%")) for x in cols[1:]]
    raise AssertionError(f"3.5 节的表里没有 {word!r}")


def _projections(S) -> dict[str, float]:
    """3.11 节打印的职业词在 "女 - 男" 方向上的投影。"""
    ln = S.output.splitlines()[S.output.splitlines().index(
        _line(S, "职业词在 '女 - 男' 方向上的投影")) + 1]
    return {w: float(p) for w, p in re.findall(r"(\S+) ([+-][\d.]+)", ln)}


def _pca_group(S, group: str) -> tuple[int, int, str]:
    """3.10 节: "  货币: 5/5 个词离本组中心最近, 离本组中心最远的是 英镑" -> (5, 5, "英镑")。"""
    m = re.search(rf"^  {group}: (\d+)/(\d+) 个词离本组中心最近, 离本组中心最远的是 (\S+)$", S.output, re.M)
    if m is None:
        raise AssertionError(f"打印的文字里没有 3.10 节 {group} 组的那一行")
    return int(m.group(1)), int(m.group(2)), m.group(3)


def _is_date(w: str) -> bool:
    return re.fullmatch(r"[０-９0-9一二三四五六七八九十]+[日月]", w) is not None


def _notebook_cells() -> list[dict]:
    path = ROOT / "source" / "week03_word2vec" / "03_word2vec.ipynb"
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def _graded_functions() -> int:
    return sum(1 for c in _notebook_cells() if c.get("metadata", {}).get("nbgrader", {}).get("solution"))


def _total_points() -> float:
    return sum(c.get("metadata", {}).get("nbgrader", {}).get("points", 0) for c in _notebook_cells()
               if c.get("metadata", {}).get("nbgrader", {}).get("grade"))


# 3.8 节里人工标注的人名 (本次训练的近邻里出现的): 华新、明慎、鸿祝、玉琴、全忠、冉 (北京); 亚平、林昌、符、长云 (记者)
_NAMES = {"华新", "明慎", "鸿祝", "玉琴", "全忠", "冉", "亚平", "林昌", "符", "长云"}
_PROBES = ["经济", "美元", "春节", "足球", "医生", "一月", "北京", "记者", "中国"]


CLAIMS = [
    # 第一个单元: 本周的作业结构
    Claim("本周有 7 道计分练习（共 22 分）", lambda S: (_graded_functions(), _total_points()) == (7, 22),
          "source notebook 里答案单元的个数与计分单元的分数之和 (tests/test_authoring.py 也核对)"),
    # 3.3 节
    Claim("分数大于 709 左右就*上溢*", lambda S: 709 < math.log(sys.float_info.max) < 710,
          "float64 的最大值 ≈ e^709.78"),
    # 3.4 节
    Claim("而本周的词表有一万多个词", lambda S: 10_000 <= S.printed(r"词表 \|V\| =") < 20_000,
          "3.5 节打印的 |V|"),
    # 3.5 节 (例子里的算术)
    Claim("例如频数 1000 和 10 的两个词，一元分布下概率之比是 100",
          lambda S: 1000 / 10 == 100 and abs(100 ** 0.75 - 31.6) < 0.05, "算术: 100^(3/4) ≈ 31.6"),
    # 3.7 节: 批量与学习率 (bench/results/word2vec.json)
    Claim("“的”作噪声词在一批（$B = 4096$，$K = 5$）里会出现约 300 次",
          lambda S: 250 <= _table(S, "的")[2] / 100 * 4096 * 5 <= 350, "3.5 节打印的 “的” 的噪声分布概率 × B × K"),
    Claim("就等于把“的”这类高频词的学习率除以几百",
          lambda S: 200 <= _table(S, "的")[2] / 100 * 4096 * 5 < 1000, "同上: “的” 在一批里出现的次数"),
    Claim("$B$ 取 256、1024、4096 各训练一次，$B$ 取 256 和 1024 时，20 个常见词的 top-10 近邻与 $B = 4096$ 时重合九成以上",
          lambda S: (len(S.bench("word2vec.json", "probe_words")) == 20
                     and set(S.bench("word2vec.json", "batch_size", "top10_overlap_vs_4096")) == {"256", "1024"}
                     and min(S.bench("word2vec.json", "batch_size", "top10_overlap_vs_4096").values()) >= 0.9),
          "bench/results/word2vec.json: batch_size.top10_overlap_vs_4096"),
    Claim("而只换一个随机种子时重合还不到一半",
          lambda S: S.bench("word2vec.json", "batch_size", "top10_overlap_seed1_vs_seed0_at_4096") < 0.5,
          "bench/results/word2vec.json: batch_size.top10_overlap_seed1_vs_seed0_at_4096"),
    Claim("在八十多万词、两个 epoch 上，词向量都还挤在同一个方向上",
          lambda S: (S.bench("word2vec.json", "settings", "epochs") == 2
                     and 800_000 <= S.bench("word2vec.json", "tokens_per_epoch") < 900_000
                     and S.bench("word2vec.json", "mean_cosine", "gensim_alpha_0.025") > 0.7),
          "bench/results/word2vec.json: mean_cosine.gensim_alpha_0.025"),
    Claim("学习率 0.025 时，最常见的 2000 个词两两之间余弦的平均约为 0.8",
          lambda S: abs(S.bench("word2vec.json", "mean_cosine", "gensim_alpha_0.025") - 0.8) < 0.03,
          "bench/results/word2vec.json: mean_cosine.gensim_alpha_0.025"),
    Claim("学习率 0.1 时约为 0.25",
          lambda S: abs(S.bench("word2vec.json", "mean_cosine", "gensim_alpha_0.1") - 0.25) < 0.03,
          "bench/results/word2vec.json: mean_cosine.gensim_alpha_0.1"),
    # 3.7 节末尾: 共同方向
    Claim("上面打印的是最常见的 2000 个词两两之间（不含自己与自己）余弦的平均，约为 0.26，而不是 0",
          lambda S: abs(S.printed(r"任取两个不同的词, 余弦相似度的平均值:") - 0.26) < 0.01, "3.7 节打印的平均余弦"),
    Claim("（gensim 用同样的设置训练出的向量也是这样，见 3.7 节）",
          lambda S: S.bench("word2vec.json", "mean_cosine", "gensim_alpha_0.1") > 0.15,
          "bench/results/word2vec.json: mean_cosine.gensim_alpha_0.1 (同样的 d、窗口、K、t、epoch、学习率)"),
    # 3.8 节: 近邻
    Claim("经济、美元、春节、足球、医生的近邻大都说得通：“元旦”“佳节”，“兑换”“日元”，“排球”“联赛”，“病人”“看病”",
          lambda S: all({a, b} <= {w for w, _ in _neighbours(S, q)}
                        for q, a, b in [("春节", "元旦", "佳节"), ("美元", "兑换", "日元"),
                                        ("足球", "排球", "联赛"), ("医生", "病人", "看病")]),
          "3.8 节打印的前 8 个近邻"),
    Claim("“一月”的近邻是别的日期", lambda S: sum(_is_date(w) for w, _ in _neighbours(S, "一月")) >= 6,
          "3.8 节打印的 “一月” 的前 8 个近邻 (至少 6 个是 “…日”)"),
    Claim("“北京”和“记者”的近邻却多是人名和日期",
          lambda S: all(sum(w in _NAMES or _is_date(w) for w, _ in _neighbours(S, q)) >= 5 for q in ("北京", "记者")),
          "3.8 节打印的近邻, 其中人名按上面的人工标注 (_NAMES)"),
    Claim("又被二次采样丢掉了约八成", lambda S: 75 <= _table(S, "中国")[3] <= 85, "3.5 节打印的 “中国” 的丢弃概率"),
    Claim("它的近邻相似度最低（都不到 0.6）",
          lambda S: (max(s for _, s in _neighbours(S, "中国")) < 0.6
                     and all(_neighbours(S, q)[0][1] > _neighbours(S, "中国")[0][1] for q in _PROBES if q != "中国")),
          "3.8 节打印的相似度"),
    Claim("八十多万词的语料只够学到", lambda S: 800_000 <= S.printed(r"词表 \|V\| = \d+, 词表内的词元") < 900_000,
          "3.5 节打印的词表内词元数"),
    # 3.9 节: 类比
    Claim("语料只有一个月的新闻、八十多万词",
          lambda S: 800_000 <= S.printed(r"词表 \|V\| = \d+, 词表内的词元") < 900_000, "3.5 节打印的词表内词元数"),
    Claim("下面四个类比的前五名里都没有正确答案（日本、日本、上海市、女儿）",
          lambda S: all(ans not in _analogy(S, a, b, c)[:5]
                        for (a, b, c), ans in [(("北京", "中国", "东京"), "日本"), (("美元", "美国", "日元"), "日本"),
                                               (("北京", "北京市", "上海"), "上海市"), (("父亲", "母亲", "儿子"), "女儿")]),
          "3.9 节打印的类比前五名"),
    Claim("父亲 : 母亲 :: 儿子 : ? 的第一名是“妈妈”", lambda S: _analogy(S, "父亲", "母亲", "儿子")[0] == "妈妈",
          "3.9 节打印的类比前五名"),
    # 3.10 节: PCA
    Claim("前两个主成分解释了约四成的方差", lambda S: 35 <= S.printed(r"前两个主成分解释了") <= 45,
          "3.10 节打印的解释方差比例"),
    Claim("货币、节日、城市各自聚成一团（几乎每个词都离本组的中心最近）",
          lambda S: all(_pca_group(S, g)[0] >= _pca_group(S, g)[1] - 1 for g in ("货币", "节日", "城市")),
          "3.10 节打印的每组离本组中心最近的词数 (至多差一个)"),
    Claim("国家和经济词汇彼此混在一起",
          lambda S: all(_pca_group(S, g)[0] <= _pca_group(S, g)[1] - 2 for g in ("国家", "经济")),
          "3.10 节打印的每组离本组中心最近的词数 (至少两个词离别组的中心更近)"),
    Claim("“中国”是国家里离本组中心最远的一个", lambda S: _pca_group(S, "国家")[2] == "中国",
          "3.10 节打印的离本组中心最远的词"),
    Claim("其余约六成方差不在图上", lambda S: 55 <= 100 - S.printed(r"前两个主成分解释了") <= 65,
          "3.10 节打印的解释方差比例"),
    Claim("PCA 图上货币、节日、城市各自聚在一起",
          lambda S: all(_pca_group(S, g)[0] >= _pca_group(S, g)[1] - 1 for g in ("货币", "节日", "城市")),
          "3.10 节打印的每组离本组中心最近的词数"),
    # 3.11 节: 偏见
    Claim("“农民”“工人”偏“女”，“科学家”“工程师”偏“男”，大多数投影的绝对值在 0.3 以下",
          lambda S: (_projections(S)["农民"] > 0 and _projections(S)["工人"] > 0 and _projections(S)["科学家"] < 0
                     and _projections(S)["工程师"] < 0
                     and sum(abs(p) < 0.3 for p in _projections(S).values()) > len(_projections(S)) / 2),
          "3.11 节打印的投影"),
    Claim("五对词、八十多万词的语料", lambda S: (S.output.count("性别方向由这些词对得到: [('男', '女'), ('丈夫', '妻子'), "
                                                  "('父亲', '母亲'), ('儿子', '女儿'), ('先生', '女士')]") == 1
                                     and 800_000 <= S.printed(r"词表 \|V\| = \d+, 词表内的词元") < 900_000),
          "3.11 节打印的词对与 3.5 节的词元数"),
    Claim("类比“男 : 医生 :: 女 : ?”给出的是“贫困户”“保健”", lambda S: _analogy(S, "男", "医生", "女")[:2] == ["贫困户", "保健"],
          "3.11 节打印的类比"),
    Claim("不排除查询词时，最近的就是“医生”本身",
          lambda S: _line(S, "不排除查询词时最近的三个词:").split(":", 1)[1].strip().startswith("['医生'"),
          "3.11 节打印的最近的三个词"),
    # 小结
    Claim("高频词二次采样丢掉大部分高频词元", lambda S: all(_table(S, w)[3] > 50 for w in ("的", "在", "中国", "经济")),
          "3.5 节打印的丢弃概率"),
    Claim("批量取 256 到 4096 训练出的近邻几乎一样",
          lambda S: min(S.bench("word2vec.json", "batch_size", "top10_overlap_vs_4096").values()) >= 0.9,
          "bench/results/word2vec.json: batch_size.top10_overlap_vs_4096"),
    Claim("在八十多万词的小语料上要用比默认 0.025 大的学习率，词向量才不会都挤在一个方向上",
          lambda S: (S.bench("word2vec.json", "mean_cosine", "gensim_alpha_0.025") > 0.7
                     > 0.3 > S.bench("word2vec.json", "mean_cosine", "gensim_alpha_0.1")),
          "bench/results/word2vec.json: mean_cosine"),
    Claim("- 八十多万词的语料能学到可信的近邻",
          lambda S: 800_000 <= S.printed(r"词表 \|V\| = \d+, 词表内的词元") < 900_000, "3.5 节打印的词表内词元数"),
]

# 不是测量结果的数字: 年份与文献、定义、约定、超参数、手算例子、名字里的数字
NOT_MEASURED = [
    "word2vec", "float64", "3CosAdd",
    "Mikolov 等，2013", "第 4、5 周", "《人民日报》1998 年 1 月", "Firth（1957）",
    "只在第 $i$ 位为 1", "余弦相似度都是 0", "$d$ 通常在 50 到 300 之间",  # 定义; 文献里常用的维数
    "长度为 1 的句子不产生词对",
    "时梯度为 0", "每个指数都不超过 1，和至少为 1",  # 推导
    "其余各行的梯度为 0", "$K$ 取 5 到 20", "下溢成 0", "所有分数为 0", "所有分数都是 0",  # 推导; 论文建议的 K
    "频数为 0 的词概率为 0", "频数为 0 的词也不例外",  # 练习的规定
    "丢弃概率是 0", "出现至少 5 次的词",  # 推导; 超参数
    "练习 3.2 和 3.3",
    "线性降到接近 0", "学习率取 0.1", "原版 word2vec 默认的 0.025",  # 超参数; word2vec 的默认值
    "只用前 1000 句", "只用 1000 句训练了一个 epoch",  # 评分模式的规模 (参数)
    "Mu 与 Viswanath，2018",
    "本报北京１月５日讯",  # 电头的写法
    "Mikolov 等，2013；Levy 与 Goldberg，2014",
    "100 维的向量",  # 超参数 d
    "Bolukbasi 等（2016）", "Nissim 等（2020）", "Gonen 与 Goldberg（2019）",
    "从 0.75 改成 0（均匀分布）和 1（一元分布）",  # 练习题的设定
]
