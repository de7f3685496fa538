"""第 8 周 prose 里的数字与比较的来源 (见 tests/claims/__init__.py)。

来源: bench/results/outputs/week08_gpt.txt (正常模式完整运行打印的文字: 检查点装进 GPT 的核对、KV 缓存的核对与 ⏱ 速度、
8.11 节微调的准确率与参数比例, 8.7 节预训练的每字困惑度), 第 1 周打印的 TF-IDF + 逻辑回归的准确率 (bench/results/outputs/week01_text.txt),
以及课程检查点的卡片。
"""
from __future__ import annotations

import re

from tests.claims import Claim, Sources


def _acc(S, method: str) -> float:
    """8.11 节打印的某种方法的测试集准确率。"""
    m = re.search(rf"^{re.escape(method)}: 可训练参数 [\d,]+ \| .*?测试集准确率 ([\d.]+)$", S.output, re.M)
    assert m, f"找不到 {method} 的准确率"
    return float(m.group(1))


def _losses(S, method: str) -> tuple[float, float]:
    m = re.search(rf"^{re.escape(method)}: .*?前 10 步平均损失 ([\d.]+), 最后 10 步 ([\d.]+)", S.output, re.M)
    return float(m.group(1)), float(m.group(2))


def _pre(S, name: str) -> float:
    """8.7 节打印的某个预训练模型的每字困惑度。"""
    m = re.search(rf"^{re.escape(name)}: 词表 .*?每字困惑度 ([\d.]+)$", S.output, re.M)
    assert m, f"找不到 {name} 的每字困惑度"
    return float(m.group(1))


def _week01_baseline() -> float:
    return Sources("week01_text").printed(r"测试集准确率")


def _majority(S) -> float:
    share = S.printed(r"测试集里正面占")
    return max(share, 1 - share)


CLAIMS = [
    # 8.2 节之后: 检查点装进学生的 GPT
    Claim("两个模型对同一句话给出的 logits 应当一致（只差浮点舍入）",
          lambda S: S.printed(r"与 MiniGPT 的最大差") < 1e-4
          and S.printed(r"检查点装进你的 GPT: \d+ 层, d_model = \d+, 参数") == S.card("parameters"),
          "打印的 logits 最大差 (< 1e-4) 与参数个数 (= 卡片上的)"),
    Claim("课程的检查点装进你自己搭的 GPT，logits 一致",
          lambda S: S.printed(r"与 MiniGPT 的最大差") < 1e-4, "打印的 logits 最大差 (< 1e-4)"),
    # 8.7 节: 预训练 (BPE 与字级, 同样的步数)
    Claim("BPE 模型的每字困惑度比字级模型低得多",
          lambda S: 2 * _pre(S, "BPE") < _pre(S, "字级"), "8.7 节打印的两个每字困惑度 (BPE 不到字级的一半)"),
    Claim("（打印的“每个字多少个 BPE 词元”小于 1，同样的步数看过的字更多）",
          lambda S: S.printed(r"每个字 \(含行尾\)") < 1
          and S.printed(r"(?m)^BPE: .*?\(约") > S.printed(r"(?m)^字级: .*?\(约"), "8.7 节打印的每字词元数与两个模型看过的字数"),
    Claim("同样的步数下，BPE 的每个窗口装下更多的字",
          lambda S: S.printed(r"每个字 \(含行尾\)") < 1, "8.7 节打印的每字词元数"),
    Claim("两个小模型都远不如课程的字级检查点：检查点更大，训练的步数多得多。本节的两个模型只走了一百多步",
          lambda S: min(_pre(S, "BPE"), _pre(S, "字级")) > 2 * S.card("perplexity", "subset")
          and S.card("parameters") > 2 * S.printed(r"(?m)^BPE: 词表 [\d,]+ \| 参数")
          and 100 <= S.printed(r"(?m)^BPE: 词表 [\d,]+ \| 参数 [\d,]+ \|") < 200 and S.card("steps") > 10 * 150,
          "8.7 节打印的每字困惑度与步数, 检查点卡片的 perplexity.subset、parameters、steps"),
    # 8.8 节: KV 缓存
    Claim("一边生成一边核对：**每一步**缓存算出的 logits 与把整个前缀重算一遍的 logits 一致",
          lambda S: "两种方法生成的词元相同: True" in S.output and S.printed(r"每一步 logits 的最大差") < 1e-4,
          "打印的核对: 生成的词元相同, 每一步 logits 的最大差 < 1e-4"),
    Claim("KV 缓存让生成的每一步只算新词元：缓存的 logits 与完整重算一致，生成快得多",
          lambda S: S.printed(r"每一步 logits 的最大差") < 1e-4 and S.printed(r"⏱ 用缓存快了") > 1.5,
          "打印的核对与 ⏱ 行: 用缓存快了 1.5 倍以上 (速度取决于机器, 倍数在忙与不忙的机器上都大于 1.5)"),
    # 8.11 节: 微调
    Claim("一半的评论不超过 46 个字",
          lambda S: S.printed(r"训练集评论长度的中位数") <= 46 and S.printed(r"个字, ") >= 50.0,
          "打印的评论长度中位数与不超过 46 个字的比例"),
    Claim("训练损失都在下降，测试集准确率都明显高于总猜一类（正面约占一半）",
          lambda S: all(a > b for a, b in (_losses(S, "全参数微调"), _losses(S, "LoRA")))
          and min(_acc(S, "全参数微调"), _acc(S, "LoRA")) > _majority(S) + 0.1
          and abs(S.printed(r"测试集里正面占") - 0.5) < 0.05,
          "打印的前 10 步 / 最后 10 步平均损失、两种方法的准确率与测试集里正面的比例"),
    Claim("LoRA 只训练不到百分之二的参数（打印的比例）",
          lambda S: S.printed(r"LoRA 的可训练参数是全参数微调的") < 2.0, "打印的比例 (%)"),
    Claim("在同样的步数下，它的准确率低于全参数微调",
          lambda S: _acc(S, "LoRA") < _acc(S, "全参数微调"), "打印的两种方法的测试集准确率"),
    Claim("两者都还比不上第 1 周的 TF-IDF + 逻辑回归在同一个测试集上的准确率 0.829",
          lambda S: abs(_week01_baseline() - 0.829) < 5e-4
          and max(_acc(S, "全参数微调"), _acc(S, "LoRA")) < _week01_baseline()
          and S.printed(r"测试 ") == Sources("week01_text").printed(r"训练 [\d,]+ 条, 测试"),
          "bench/results/outputs/week01_text.txt 打印的测试集准确率 (同一个 1,716 条的测试集) 与本周打印的准确率"),
    Claim("微调也只走了一百多步、看了训练集的一小部分",
          lambda S: 100 <= S.printed(r"全参数微调: 可训练参数 [\d,]+ \|") < 200
          and S.printed(r"全参数微调: 可训练参数 [\d,]+ \|") * 32 < 0.5 * S.printed(r"评论: 训练"),
          "打印的步数; 每步 32 条 (代码里的 BATCH), 步数 × 32 不到训练集的一半"),
]

NOT_MEASURED = [
    # 标题单元 (由 nbgrader 元数据生成 / 核对, 见 course.instructor.authoring)
    "本周有 8 道计分练习（共 27 分）",
    "练习 5.1、5.2、5.4 和 5.7",
    # 文献的年份
    "（Kingma & Ba，2015）", "（Loshchilov & Hutter，2019）", "Hu 等，2021", "（FLAN，2021）", "（InstructGPT，2022）",
    "Rafailov 等，2023", "GPT-1",
    # 定义与约定
    "（$t$ 从 1 数）", "前几步的滑动平均偏向 0", "从 1 开始", "（从 0 数）",
    "而不是 0（第 0 步学习率为 0 等于白走一步）", "可以是 0（没有预热，第 0 步就是",
    "第 1 周用过：1 = 正面，0 = 负面", "初始化为 0", "的梯度也是 0", "全 0）",
    "注意力权重是 1",
    # 隐藏测试的设置 (测试单元里的常数)
    "连续走 200 步", "（float64，",
    # 手算的例子
    "两个小批次分别有 1 个和 3 个样本、平均损失分别是 2.0 和 1.0 时",
    "第 0 行用 `hidden[0, 2]`，第 1 行用",
    "有 2048 个可训练参数",
    # 代码里的超参数
    "前 46 个字", "预热 10%，余弦降到峰值的 10%", "只走 2 步、只评 64 条", "上下文长度（64 个词元）",
    "（字数 + 1）",
    # 练习 (开放问题)
    "练习 3 到 6 让你试一试", "前 10 步的更新量", "L2 正则（Adam + L2）", "（1、4、16、64）", "从 64 改到更长",
    "32 层、$d = 4096$、上下文 4096 的模型，fp16",
]
