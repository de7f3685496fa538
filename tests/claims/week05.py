"""第 5 周 prose 里的数字与比较 (见 tests/claims/__init__.py)。

来源: bench/results/outputs/week05_transformer.txt (正常模式完整运行打印的文字, 其中有课程检查点的卡片和
阶梯 bench/results/ladder.json 在 eval_subset 上的数), 以及检查点卡片 course/checkpoints/*.json。
"""
from __future__ import annotations

import re

from tests.claims import Claim

TABLE = "eval_subset 上的困惑度, 从低到高:"


def _ppl_table(S) -> dict[str, float]:
    """5.11 节打印的表: {名字: eval_subset 上的困惑度}。"""
    block = S.output.split(TABLE, 1)[1].split("# [单元", 1)[0]
    rows = dict((name.strip(), float(v)) for name, v in re.findall(r"^  (.+?): ([\d.]+) \(", block, re.M))
    assert len(rows) >= 4, f"表里只有 {rows} (阶梯还没有 perplexity_subset?)"
    return rows


def _max_weights(S) -> dict[int, list[float]]:
    """5.2 节: {d_k: [不缩放, ÷√d_k, ÷d_k] 的最大权重}。"""
    out = {}
    for d, raw, scaled, by_d in re.findall(r"d_k =\s+(\d+):.*?不缩放 ([\d.]+), ÷√d_k ([\d.]+), ÷d_k ([\d.]+)", S.output):
        out[int(d)] = [float(raw), float(scaled), float(by_d)]
    assert sorted(out) == [4, 16, 64, 256, 1024], out
    return out


def _losses(S) -> list[float]:
    m = re.search(r"步的平均训练损失: (.*)", S.output)
    return [float(x) for x in m.group(1).split(" → ")]


def _heads(S, what: str) -> dict[int, list[float]]:
    """5.12 节: {层: 每个头的数}, what 是 "看自己"、"看前一个字"、"看 <s>" 或 "平均回看距离"。"""
    out = {}
    for layer, rest in re.findall(r"^第 (\d+) 层 \| (.*)$", S.output, re.M):
        part = rest.split(what + ": ")[1].split(" |")[0]  # 例: 看自己: 0.92 0.90 0.73 0.70
        out[int(layer)] = [float(x) for x in part.split()]
    assert out, "找不到每个头的统计"
    return out


CLAIMS = [
    # 5.2 节
    Claim("不缩放时，$d_k = 1024$ 的最大权重几乎是 1",
          lambda S: _max_weights(S)[1024][0] > 0.9, "5.2 节打印的最大权重 (200 次试验)"),
    Claim("除以 $\\sqrt{d_k}$ 后，最大权重与维度无关",
          lambda S: max(v[1] for v in _max_weights(S).values()) - min(v[1] for v in _max_weights(S).values()) < 0.05,
          "5.2 节打印的 ÷√d_k 一列, 五个维度相差不到 0.05"),
    Claim("除以 $d_k$ 则越来越接近均匀分布 $1/16$",
          lambda S: (lambda col: col == sorted(col, reverse=True) and col[-1] - 1 / 16 < 0.01)(
              [v[2] for _, v in sorted(_max_weights(S).items())]),
          "5.2 节打印的 ÷d_k 一列单调下降, d_k = 1024 时与 1/16 相差不到 0.01"),
    # 5.8 节
    Claim("偏置和 LayerNorm 只占很小的一部分，“三分之二”非常准",
          lambda S: abs(S.printed(r"前馈网络占") - 2 / 3) < 0.01, "5.8 节打印的前馈网络占比 (d = 128)"),
    Claim("它可以比所有的块加起来还多（5.10 节打印的参数个数就是这样）",
          lambda S: S.printed(r"其中词嵌入/输出层") > S.printed(r"\| 参数") - S.printed(r"其中词嵌入/输出层"),
          "5.10 节打印的参数个数: 词嵌入 > 其余全部参数"),
    # 5.10 节: 步数预算
    Claim("所以无论机器忙不忙，走的都是同样的 300 步、得到同样的损失",
          lambda S: S.printed(r"\n训练 (?=\d)") == 300 and "⚠" not in S.output,
          "5.10 节打印的步数 (没有触发安全网); 忙与不忙的比较见 tests/test_under_load.py"),
    # 5.11 节: 你的模型、课程检查点与 n-gram (同一个 eval_subset)
    Claim("你的小模型只看过训练流的一小部分（上面打印的百分比），训练损失每一段都还在下降",
          lambda S: S.printed(r"个目标词元 \(训练流的") < 20
          and all(a > b for a, b in zip(_losses(S), _losses(S)[1:])),
          "5.10 节打印的百分比与每一段的平均训练损失"),
    Claim("它的困惑度已经比只看字频的 1 元模型低",
          lambda S: _ppl_table(S)["你的迷你 GPT"] < _ppl_table(S)["第 2 周 1-gram 加 k 平滑"],
          "5.11 节的表 (阶梯的 perplexity_subset)"),
    Claim("但还远不如加 k 平滑的 2 元模型",
          lambda S: _ppl_table(S)["你的迷你 GPT"] > 2 * _ppl_table(S)["第 2 周 2-gram 加 k 平滑"],
          "5.11 节的表: 困惑度是 2 元模型的两倍以上"),
    Claim("只是模型大一些、训练的步数多得多（卡片上的 `steps` 和 `tokens_seen`），\n  困惑度低得多",
          lambda S: S.card("parameters") > S.printed(r"\| 参数") and S.card("steps") >= 5 * S.printed(r"\n训练 (?=\d)")
          and S.card("tokens_seen") >= 10 * S.printed(r"\n训练 \d+ 步, 看过")
          and _ppl_table(S)["课程检查点"] < _ppl_table(S)["你的迷你 GPT"] / 2,
          "检查点卡片与 5.10/5.11 节打印的数: 参数更多, 步数 ≥ 5 倍, 目标词元 ≥ 10 倍, 困惑度不到一半"),
    Claim("在同一个子集上重算的数与卡片上的数一致",
          lambda S: abs(S.printed(r"重算的检查点困惑度:") - S.card("perplexity", "subset")) < 0.06,
          "5.11 节重算的困惑度 (一位小数) 与卡片"),
    Claim("但它仍然**高于**第 2 周的插值 4 元模型和 Kneser-Ney 4 元模型",
          lambda S: _ppl_table(S)["课程检查点"] > max(_ppl_table(S)["第 2 周 4-gram 插值"],
                                                      _ppl_table(S)["第 2 周 4-gram Kneser-Ney"])
          and abs(_ppl_table(S)["第 2 周 4-gram Kneser-Ney"] - S.ladder("4-gram Kneser-Ney", "perplexity_subset")) < 0.06,
          "5.11 节的表; 4 元模型的数来自 ladder.json 的 perplexity_subset"),
    Claim("把 LSTM 和 Kneser-Ney 4 元模型的概率插值起来的那一级，比两者单独都低",
          lambda S: S.ladder("LSTM + 4-gram Kneser-Ney 插值")
          < min(S.ladder("LSTM"), S.ladder("4-gram Kneser-Ney")),
          "bench/results/ladder.json (完整测试集)"),
    Claim("在 CPU 上训练了这么久的 Transformer",
          lambda S: "+cpu" in S.card("machine") and S.card("train_seconds") > 10 * S.printed(r"⏱ 训练用时"),
          "检查点卡片: 在只有 CPU 的 torch 上训练, 用时是本周小模型的 10 倍以上"),
    # 5.12 节: 检查点的注意力头 (每层每个头的统计)
    Claim("第 1 层的每个头几乎只看当前这个字自己",
          lambda S: min(_heads(S, "看自己")[1]) > 0.5, "5.12 节打印的第 1 层 \"看自己\" 的权重 (每个头都 > 0.5)"),
    Claim("后面几层的头很少只看自己，权重分散到前面好几个字上",
          lambda S: all(max(_heads(S, "看自己")[l]) < 0.3 and min(_heads(S, "平均回看距离")[l]) > 2
                        for l in _heads(S, "看自己") if l > 1),
          "5.12 节打印的第 2 层起 \"看自己\" < 0.3, 平均回看距离 > 2 个字"),
    Claim("而且不同的头往回看的远近不同",
          lambda S: all(max(_heads(S, "平均回看距离")[l]) > 1.5 * min(_heads(S, "平均回看距离")[l])
                        for l in _heads(S, "看自己") if l > 1),
          "5.12 节打印的平均回看距离: 同一层里最远的头是最近的 1.5 倍以上"),
    Claim("有的头平均往回看的距离超过了 4 元模型能看到的 3 个字",
          lambda S: max(max(v) for v in _heads(S, "平均回看距离").values()) > 3,
          "5.12 节打印的平均回看距离 (4 元模型的上下文是 3 个字, 定义)"),
    # 小结
    Claim("训练几百步的小模型、训练得久得多的课程检查点、平滑好的 4 元模型，困惑度依次降低",
          lambda S: _ppl_table(S)["你的迷你 GPT"] > _ppl_table(S)["课程检查点"]
          > max(_ppl_table(S)["第 2 周 4-gram 插值"], _ppl_table(S)["第 2 周 4-gram Kneser-Ney"]),
          "5.11 节的表"),
    Claim("单独一个 Transformer 还比不过平滑好的 n-gram",
          lambda S: _ppl_table(S)["课程检查点"] > _ppl_table(S)["第 2 周 4-gram Kneser-Ney"], "5.11 节的表"),
    Claim("每个位置前向计算的乘加也主要花在输出层上",
          lambda S: S.printed(r"输出层 d·\|V\| =") > S.printed(r"个块至多"),
          "5.10 节打印的每个位置的乘加次数"),
]

NOT_MEASURED = [
    "Vaswani 等，2017",  # 年份
    "本周你会从零实现 7 个部件",  # 本周的练习
    "本周有 7 道计分练习（共 22 分）",  # tests/test_authoring.py 核对
    "再用 softmax 把相似度变成和为 1 的权重",  # softmax 的定义
    "设 $q$ 和 $k$ 的各分量独立、均值为 0、方差为 1",  # 推导的假设与结论
    "是 $d_k$ 个方差为 1 的项之和",
    "其他位置的梯度几乎为 0",
    "正好把方差拉回 1",
    "下面用随机的查询和 16 个键做实验",  # 实验的参数
    "权重恰好为 0",  # 练习规格
    "每一行之和为 1",
    "例如乘了 1000",
    "所以被遮住的位置权重恰好为 0，其余权重仍然和为 1",  # 数学事实
    "每行之和就不再是 1",
    "权重矩阵的上三角全为 0，每行之和仍为 1。第 1 行只能看自己，权重是 1",
    "第 2 步最容易错",  # 列表的步骤编号
    "偏置为 0",  # 例子的设定
    "5 个步骤",
    "位置 $t$ 从 0 开始",  # 定义与手算例子
    "位置 0 是",
    "位置 1 是",
    "画出 64 个位置、128 维的位置编码",  # 图的参数
    "像 GPT-2 一样",  # 模型名
    "通常把维度放大 4 倍",  # 常见设定
    "（GPT-2 及以后的大多数模型）",
    "全是 0，那么 pre-LN 块就是",  # 手算的性质
    "的权重、偏置都置 0",
    "原始 Transformer、T5",  # 模型名
    "n-gram 只能用固定的前几个字",
    "画出检查点第 2 层每个头的注意力权重",  # 图的参数
    "每一步随机取 8 个长度为 65 的窗口，\n前 64 个字是输入，错开一位的后 64 个字是目标",  # 训练的参数
    "走 300 步",
    "只走 2 步、只评 10 行",
    "测试集里第 0、10、20……行",  # eval_subset 的定义
    "以 fp16 存成几 MB 的文件",  # 格式名
    "核对文件的 sha256",
    "只看字频的 1 元模型、加 k 平滑的 2 元模型、插值与 Kneser-Ney 平滑的 4 元模型",  # 模型名 (n 元 = n-gram)
    "均值 0、方差 1",  # 练习的假设
    "加深到 8 层",  # 练习的参数
    "Kneser-Ney 4 元模型",
]
