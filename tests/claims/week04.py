"""第 4 周 prose 里的数字与比较, 各自的测得来源 (见 tests/claims/__init__.py)。

GRU 的数字来自正常模式打印的文字 (bench/results/outputs/week04_rnn.txt); 第 2 周的 n-gram 模型和训练得更久的
神经模型来自困惑度阶梯 (bench/results/ladder.json), 两边用同一个困惑度协议 (course/perplexity.py)、同一个测试集。
"""
from tests.claims import Claim

INTERP = "LSTM + 4-gram Kneser-Ney 插值"  # 阶梯里 LSTM 与 Kneser-Ney 四元模型插值的那一行


def _vocab(S):
    return S.printed(r"字表大小 \|V\| =")


def _gru(S):
    """本周 GRU 在整个测试集上的困惑度 (协议)。"""
    return S.printed(r"GRU 在整个测试集上的困惑度 \(协议, [\d,]+ 行, N = [\d,]+\):")


def _lstm_between(S):
    """阶梯的 LSTM: 比本周的 GRU 低得多, 低于加 k 平滑二元, 高于插值四元和 Kneser-Ney 四元。"""
    lstm = S.ladder("LSTM")
    return (lstm < 0.7 * _gru(S) and lstm < S.ladder("2-gram 加 k 平滑")
            and lstm > S.ladder("4-gram 插值") and lstm > S.ladder("4-gram Kneser-Ney"))


def _interp_lowest(S):
    """插值的那一行低于表里所有单独的模型 (n-gram、FFNN、LSTM、本周 GRU), 而且确实打印在表里。"""
    singles = [S.ladder(m) for m in ("2-gram 加 k 平滑", "4-gram 插值", "4-gram Kneser-Ney",
                                     "前馈 FFNN (Bengio 2003)", "LSTM")] + [_gru(S)]
    return "LSTM + Kneser-Ney 四元插值 (阶梯)" in S.output and S.ladder(INTERP) < min(singles)


def _trained_longer(S):
    """阶梯的神经模型训练时间是本周 GRU 的好几倍 (本周的用时是正常模式那一次的 ⏱ 行)。"""
    gru_s = S.printed(r"⏱ 训练用时")
    return all(S.ladder(m, "train_seconds") > 3 * gru_s for m in ("前馈 FFNN (Bengio 2003)", "LSTM"))


CLAIMS = [
    Claim("它算的是同一件事（4.8 节会核对）",
          lambda S: S.printed(r"手写的 GRU 与 nn.GRUCell 的最大差:") < 1e-10, "4.8 节打印的最大差"),
    Claim("有 4039 个字时约为 8.30",
          lambda S: _vocab(S) == 4039 and abs(S.printed(r"理论损失 ln\|V\| =") - 8.30) < 0.005,
          "打印的字表大小与 ln|V|"),
    Claim("共 4039 个）", lambda S: _vocab(S) == 4039, "打印的字表大小"),
    Claim("字表有 4039 个字，每个位置都算 4039 个 logits 和 softmax，代价是 GRU 本身的好几倍",
          lambda S: _vocab(S) == 4039 and S.printed(r"是 GRU 的") > 2,
          "4.9 节 ⏱ 行: 普通输出层一步的前向 + 反向用时是 GRU 的几倍"),
    Claim("最常见的 200 个字（下面打印了它们占训练序列的比例：一半多）",
          lambda S: 50 < S.printed(r"头里最常见的 200 个编号占训练序列的") < 67, "4.9 节打印的比例 (%)"),
    Claim("整个 4039 字字表上归一化的", lambda S: _vocab(S) == 4039, "打印的字表大小"),
    Claim("只是训练时每个位置只需要算目标所在的那个类簇，快很多",
          lambda S: S.printed(r"普通输出层是它的") > 3, "4.9 节 ⏱ 行: 普通输出层与自适应 softmax 的用时之比"),
    Claim(r"第一步的损失应当接近 $\ln |V| \approx 8.30$",
          lambda S: abs(S.printed(r"第一步损失") - S.printed(r"理论损失 ln\|V\| =")) < 0.3, "打印的第一步损失"),
    Claim("只看了训练集的一小部分（见上面打印的“约多少遍训练集”），**严重欠训练**",
          lambda S: S.printed(r"看过 [\d,]+ 个字 \(约") < 1, "打印的遍数"),
    Claim("困惑度高于表里第 2 周的两个 n-gram 模型",
          lambda S: _gru(S) > S.ladder("2-gram 加 k 平滑") and _gru(S) > S.ladder("4-gram 插值"),
          "打印的 GRU 困惑度与阶梯 (整个测试集)"),
    Claim("最后两段的平均损失仍在下降",
          lambda S: S.printed(r"最后 \d+ 步的平均损失") < S.printed(r"再往前 \d+ 步的平均损失"), "打印的两段平均损失"),
    Claim("训练得久得多的模型（训练时间打印在 ⏱ 行上）", _trained_longer,
          "ladder.json 的 train_seconds 与本周 ⏱ 训练用时"),
    Claim("LSTM 比本周的 GRU 低得多，也低于第 2 周的加 k 平滑二元模型，但仍然高于插值四元模型和 Kneser-Ney 四元模型",
          _lstm_between, "阶梯 (整个测试集) 与打印的 GRU 困惑度"),
    Claim("在这个只有一百多万字的语料上",
          lambda S: 1e6 < S.printed(r"训练集 [\d,]+ 行,") < 2e6, "4.9 节打印的训练集字数"),
    Claim("表里插值的那一行低于所有单独的模型", _interp_lowest, "阶梯 (整个测试集)"),
    Claim("训练得久得多的 LSTM 也还高于 Kneser-Ney 四元模型，与它插值之后才低于所有单独的模型",
          lambda S: _trained_longer(S) and S.ladder("LSTM") > S.ladder("4-gram Kneser-Ney") and _interp_lowest(S),
          "阶梯 (整个测试集)"),
]

NOT_MEASURED = [
    # 年份与练习的安排
    "Bengio 等，2003", "Bengio 等人（2003）", "Schmidhuber，1997", "Cho 等，2014", "Grave 等，2017",
    "本周有 6 道计分练习（共 20 分）",  # tests/test_authoring.py 核对
    "第 2、4、5、6 周",
    # 手算的例子、形状与边界情况 (定义)
    "历史是（2, 1）时", "历史反过来是（1, 2）时", "一个看 3 个字的前馈模型有多少参数，与 4 元语法模型",
    "按 d2l 的行向量约定", "通常取全 0", "都可以是 1，形状照样保留", "`None` 表示全 0", "总是从全 0 开始",
    "换成以 2 为底", "logits 都接近 0", "| 位置 $t$ | 1 | 2 |", "会下溢成 0", "那么真实目标是 0、0、2 和 2",
    "奇异值大于 1", "所有奇异值都是 1），输入全为 0", "展开 50 步", "相隔 49 步", "防止除以 0", "或 0 维浮点张量",
    "所有梯度都是 0 时返回 0", "什么也不改，返回 0", "float32 的梯度按", "返回 5.0",
    "只要遗忘门接近 1", "所有权重为 0", "都可以是 1；", "切成 4 块",
    "接近 1 时", "接近 0 时", "之和恒为 1", "GRU 有 3 组权重，LSTM 有 4 组，普通 RNN 只有 1 组",
    # 数据与协议的定义、超参数
    "出现至少 2 次的字", "下标为 0、10、20、… 的行",
    "输入全为 0 的情形", "加大到 256", "从全 0 的隐状态开始", "和全 0 的隐状态）", "它的概率变成 0",
]
