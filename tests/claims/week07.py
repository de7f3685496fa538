"""第 7 周 prose 里的数字与比较的来源 (见 tests/claims/__init__.py)。

都来自正常模式完整运行时打印的文字 (bench/results/outputs/week07_tokenizer.txt): 7.1 节的三种切法的表、
7.2 节的字节数、7.4 节在训练集前几行上训练的合并、7.7 节与 tokenizers 的对照、7.8 节的压缩率表、7.9 节的词元统计;
以及随附分词器的文件 (course/checkpoints/bpe_peoples_daily.json) 和编码速度的基准 (bench/results/tokenizer.json)。
"""
from __future__ import annotations

import re

from tests.claims import NUMBER, Claim

TOKENIZER = "bpe_peoples_daily"


def table(S) -> dict[str, tuple[float, float, float]]:
    """7.8 节打印的表 (最后一张): {切法: (词表大小, 每字词元数, <unk> 比例 %)}。"""
    rows = {}
    for m in re.finditer(rf"^(\S[^|\n]*?)\s*\|\s*({NUMBER})\s*\|\s*({NUMBER})\s*\|\s*({NUMBER})\s*\|\s*({NUMBER})%\s*$",
                         S.output, re.M):
        rows[m.group(1)] = (float(m.group(2).replace(",", "")), float(m.group(3)), float(m.group(5)))
    assert len(rows) >= 8, rows
    return rows


def row(S, prefix: str) -> tuple[float, float, float]:
    return next(v for k, v in table(S).items() if k.startswith(prefix))


def bpe_rows(S) -> list[tuple[float, float, float]]:
    return [v for k, v in table(S).items() if k.startswith("BPE")]


def first_merges(S) -> list[tuple[str, str]]:
    """7.4 节打印的前 12 条合并: [(左, 右)]。"""
    line = re.search(r"前 12 条合并: ([^\n]+)", S.output).group(1)
    return [tuple(item.split("+", 1)) for item in line.split(" | ")]


def partial_share_mine(S) -> float:
    n_new = S.printed(r"前 12 条合并:[^\n]*\n")
    return S.printed(r"半个字\): ") / n_new


def kinds(S) -> dict[str, int]:
    line = re.search(r"合并出来的词元: ([^\n]+)", S.output).group(1)
    return {k: int(n) for k, n in re.findall(r"(\S+) (\d+)", line)}


def top_tokens(S) -> list[str]:
    line = re.search(r"测试集里最常用的 15 个词元: ([^\n]+)", S.output).group(1)
    return re.findall(r"(\S+?)\(\d+\)", line)


def compression_falls_slower(S) -> bool:
    """词表每翻一倍, 每字词元数都下降, 而且降幅越来越小。"""
    tpc = [v[1] for v in bpe_rows(S)]
    drops = [a - b for a, b in zip(tpc, tpc[1:])]
    return len(tpc) == 5 and all(d > 0 for d in drops) and all(a > b for a, b in zip(drops, drops[1:]))


CLAIMS = [
    # 7.1
    Claim("按词的序列最短，但词表最大，而且测试集里仍有一部分词是 `<unk>`（看上表）",
          lambda S: row(S, "词")[1] < row(S, "字 ")[1] < row(S, "字节")[1] and row(S, "词")[0] > row(S, "字 ")[0] > 256
          and row(S, "词")[2] > 0, "7.1 节打印的表"),
    Claim("按字的词表小得多，`<unk>` 也少得多，但序列更长",
          lambda S: 5 * row(S, "字 ")[0] < row(S, "词")[0] and 10 * row(S, "字 ")[2] < row(S, "词")[2]
          and row(S, "字 ")[1] > row(S, "词")[1], "7.1 节打印的表"),
    Claim("按字节则完全没有 `<unk>`：任何文本都是字节串。代价是序列最长，一个汉字要 3 个词元",
          lambda S: row(S, "字节")[2] == 0 and row(S, "字节")[1] == max(v[1] for v in table(S).values())
          and S.printed(r"'语': ") == 3, "7.1 节的表与 7.2 节打印的“语”的字节数"),
    Claim("罕见的字退回到字节——`<unk>` 的比例始终是 0", lambda S: all(v[2] == 0 for v in bpe_rows(S)),
          "7.8 节的表: 各个词表大小的 BPE 的 <unk> 比例"),
    # 7.2
    Claim("ASCII 字符 1 个字节，常用汉字和中文标点 3 个字节",
          lambda S: S.printed(r"'a': ") == 1 and S.printed(r"'语': ") == 3 and S.printed(r"'，': ") == 3,
          "7.2 节打印的字节数"),
    Claim("表情符号 4 个字节", lambda S: S.printed(r"'😀': ") == 4, "7.2 节打印的字节数"),
    Claim("一个汉字是 3 个字节", lambda S: S.printed(r"'语': ") == 3 and abs(S.printed("测试集平均每个字") - 3) < 0.01,
          "7.2 节打印的字节数与测试集平均每字的字节数"),
    # 7.4
    Claim("最先学到的合并多半是某个字的前两个字节",
          lambda S: sum(bool(re.fullmatch(r"<[0-9a-f]{2}>", a) and re.fullmatch(r"<[0-9a-f]{2}>", b))
                        for a, b in first_merges(S)) > len(first_merges(S)) / 2
          and re.fullmatch(r"<[0-9a-f]{2}>", first_merges(S)[0][0]) is not None, "7.4 节打印的前 12 条合并"),
    Claim("“前两个字节 + 最后一个字节”拼出完整的常用字和标点（“，”、“的”、“。”这类）",
          lambda S: sum(bool(re.fullmatch(r"<[0-9a-f]{2} [0-9a-f]{2}>", a) and re.fullmatch(r"<[0-9a-f]{2}>", b))
                        for a, b in first_merges(S)) >= 2, "7.4 节打印的前 12 条合并"),
    Claim("训练得越久，半个字的词元占的比例越小",
          lambda S: partial_share_mine(S) > kinds(S)["半个字"] / sum(kinds(S).values()),
          "7.4 节的半个字个数 / 合并条数 vs 7.9 节随附分词器的统计"),
    # 7.7
    Claim("人民日报训练集，3838 条合并，加上 256 个字节和 `<s>`、`</s>`，词表大小 4096——与全课程共用的字表（4039 个）差不多大",
          lambda S: S.card("card", "merges", name=TOKENIZER) == 3838 and S.card("vocab_size", name=TOKENIZER) == 4096
          and S.card("card", "train_split", name=TOKENIZER) == "train" and row(S, "字 ")[0] == 4039
          and S.printed("随附分词器: 词表") == 4096, "随附分词器的文件与 7.1 节的表"),
    Claim("`tokenizers` 快得多（看上面打印的用时",
          lambda S: S.printed(r"⏱ 编码 [\d,]+ 个字: 你的 bpe_encode") > 5 * S.printed(r"⏱ 编码 [\d,]+ 个字: .*?, tokenizers")
          and S.bench("tokenizer.json", "speedup_line_by_line") > 5 and S.bench("tokenizer.json", "identical_ids") is True,
          "7.7 节打印的用时 (⏱ 行) 与 bench/results/tokenizer.json (整个测试集上参考实现与 tokenizers 的编码用时)"),
    Claim("算法相同，所以结果逐 id 相同", lambda S: "tokenizers 在 203 行上逐 id 相同: True" in S.output,
          "7.7 节打印的对照"),
    Claim("两边在那一步的次数相同——分歧只来自并列规则",
          lambda S: S.printed(r"那一步的次数: 我们选的 \(\d+, \d+\) ") == S.printed(r"tokenizers 选的 \(\d+, \d+\) ")
          and "是最多的: True" in S.output, "7.7 节打印的那一步的次数"),
    Claim("之后的合并仍然几乎都一样，测试集上的压缩率只差不到千分之一",
          lambda S: S.printed(r"相同的 \(不论先后\) 有") >= 0.99 * 3838 and S.printed(r"相对差") < 0.1,
          "7.7 节打印的相同合并条数与压缩率的相对差 (%)"),
    # 7.8
    Claim("每翻一倍词表，每字词元数都在下降，但越往后降得越慢", compression_falls_slower, "7.8 节的表"),
    Claim("词表 4096 时，每字词元数已经低于 1（比按字切的序列更短），而 `<unk>` 的比例始终是 0；按词切的序列更短，代价是几万的词表和不为零的 `<unk>`",
          lambda S: bpe_rows(S)[-1][0] == 4096 and bpe_rows(S)[-1][1] < 1 and all(v[2] == 0 for v in bpe_rows(S))
          and row(S, "词")[1] < bpe_rows(S)[-1][1] and 10_000 <= row(S, "词")[0] < 100_000 and row(S, "词")[2] > 0,
          "7.8 节的表"),
    # 7.9
    Claim("测试集里最常用的词元是标点和虚词、助词：“，”、“。”、“的”、“、”、“和”、“在”、“了”",
          lambda S: top_tokens(S)[:7] == ["，", "。", "的", "、", "和", "在", "了"], "7.9 节打印的最常用的 15 个词元"),
    Claim("多字词元是报纸里的高频词（“中国”、“发展”、“经济”这类）",
          lambda S: re.search(r"最常用的多字词元: 中国 发展 经济 ", S.output) is not None, "7.9 节打印的最常用的多字词元"),
    Claim("最长的词元是反复出现的整段说法（“有中国特色社会主义”）",
          lambda S: re.search(r"最长的词元 \(完整的字\): 有中国特色社会主义 ", S.output) is not None, "7.9 节打印的最长的词元"),
    Claim("还有一部分词元只是半个字", lambda S: kinds(S)["半个字"] > 0, "7.9 节打印的词元类型统计"),
]

NOT_MEASURED = [
    # 名字里的数字、编码的定义
    "UTF-8", "GPT-2", "sha256",
    "本周有 6 道计分练习（共 20 分）",  # tests/test_authoring.py 核对
    "从 UTF-8 的 256 个字节出发", "从 256 个字节出发",
    "（这里：至少 2 次）",  # 封闭词表的规则 (定义)
    "把每个 Unicode 字符编码成 1 到 4 个字节",
    "字节级分词器的初始词表就是 256 个字节，id 0–255 恰好是字节的值",
    "字节 id（0–255）", "id 0–255 是单个字节", "`num_merges` 为 0 返回",
    # 7.3 节的算法与手算例子
    "（$k$ 从 0 数）", "词表是 256 个字节加上", "算 2 次，但合并时",
    "字节 a=97、b=98、c=99、d=100", "4 次，$(97,98)$ 2 次，其余各 1 次", "都是 2 次", "2 次最多，合并成 258", "词元 258 代表",
    "（每个序列算 1 次）", "是 2 次。", "第 3 步",
    # tokenizers 的字节顺序 (GPT-2 的字节 → 字符表, 定义)
    "它给 256 个字节排 id 的顺序", "（字节 0–32、127–160、173 被排到最后）", "正好落在 128–160",
    # 练习 (开放问题里的参数)
    "（例如 16384、65536）",
]
