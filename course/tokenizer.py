"""课程随附的字节级 BPE 分词器 (byte-level BPE tokenizer): 读取、校验, 用 Hugging Face `tokenizers` 编码与解码。

随附文件 `course/checkpoints/bpe_peoples_daily.json` 由 `python -m bench.tokenizer` 在人民日报训练集上
按课程的参考算法 (第 7 周的 train_bpe) 可复现地训练, 里面有:
- `pattern`: 预分词 (pre-tokenization) 的正则, 见 PATTERN / pretokenize();
- `merges`: 按秩 (rank) 排好的合并规则, 每条是一对词元 id [a, b]; 字节是 id 0–255, 第 k 条合并产生 id 256 + k;
- `special_tokens`: 特殊符号及其 id (`<s>` 行首、`</s>` 行尾, 排在所有合并之后), 从不被拆开或合并;
- `vocab_size`: 词表大小 = 256 + 合并条数 + 特殊符号个数;
- `sha256`: 上面四项的规范 JSON (键排序、无空格) 的 sha256, 读取时核对 (与 course.checkpoints 一样: 不一致就拒绝);
- `card`: 数据 (人民日报训练集, 训练文本的 sha256)、是否有随机性、用时、合并条数、测试集上每字的词元数。

这里不实现 BPE 算法本身 (那是第 7 周学生要写的): 编码、解码交给 Hugging Face `tokenizers` 的 BPE 模型,
用随附的合并规则搭起来 (tests/test_tokenizer.py 检查它在整个测试集上与参考实现逐 id 相同, 且能还原原文)。

API:
    tok = load_bpe()                  # 默认 name="bpe_peoples_daily", 核对 sha256
    tok.vocab_size                    # 4096
    tok.bos_id, tok.eos_id            # <s>, </s> 的 id
    tok.encode(text) -> list[int]     # 普通文本; 文本里字面的 "<s>" 也按普通字节编码
    tok.encode_batch(lines) -> list[list[int]]
    tok.encode_with_specials(text)    # 文本里的 "<s>" "</s>" 变成特殊 id, 其余照常编码
    tok.decode(ids) -> str            # 特殊 id 还原成 "<s>" "</s>"; 不完整的 UTF-8 字节变成 U+FFFD
    tok.token_bytes(i) -> bytes       # 一个词元代表的字节串
    tok.merges, tok.pattern, tok.card

Example:
    >>> tok = load_bpe()
    >>> ids = tok.encode("迈向充满希望的新世纪")
    >>> tok.decode(ids)
    '迈向充满希望的新世纪'
    >>> line = [tok.bos_id] + ids + [tok.eos_id]      # 第 8 周的语言模型这样标出一行的开头和结尾
"""
from __future__ import annotations

import functools
import hashlib
import json
from pathlib import Path

import regex

CHECKPOINT_DIR = Path(__file__).resolve().parent / "checkpoints"
DEFAULT_NAME = "bpe_peoples_daily"

# 预分词: 一段字母/汉字 (\p{L}), 一段数字 (\p{N}), 一段其它符号 (标点等), 一段空白; 合并不跨越这些块。
# 中文没有空格, 所以两个标点之间的整段汉字是一个块。Python 的 `regex` 与 tokenizers 的 Oniguruma 都认识 \p{…}。
PATTERN = r"\p{L}+|\p{N}+|[^\s\p{L}\p{N}]+|\s+"
SPECIAL_TOKENS = ("<s>", "</s>")

_PATTERN_RE = regex.compile(PATTERN)


class TokenizerError(RuntimeError):
    """分词器文件缺失、损坏或与其 sha256 不符。"""


def pretokenize(text: str, pattern: str = PATTERN) -> list[str]:
    """按预分词正则把文本切成块 (chunks); 块拼起来就是原文。

    Example: pretokenize("１９９８年，新世纪") -> ['１９９８', '年', '，', '新世纪']
    """
    rx = _PATTERN_RE if pattern == PATTERN else regex.compile(pattern)
    return rx.findall(text)


@functools.lru_cache(maxsize=1)
def bytes_to_unicode() -> dict[int, str]:
    """GPT-2 的字节 → 可打印字符表 (tokenizers 的 ByteLevel 用它把字节写成字符串)。

    Example: bytes_to_unicode()[ord("a")] -> 'a'; bytes_to_unicode()[0] -> 'Ā'
    """
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return {b: chr(c) for b, c in zip(bs, cs)}


def token_bytes_table(merges) -> list[bytes]:
    """每个 id 代表的字节串: 前 256 个是单字节, 第 k 条合并 (a, b) 是 table[a] + table[b]。

    Example: token_bytes_table([(228, 184)])[256] -> b'\\xe4\\xb8'
    """
    table = [bytes([b]) for b in range(256)]
    for a, b in merges:
        table.append(table[a] + table[b])
    return table


def _payload_sha256(data: dict) -> str:
    payload = {k: data[k] for k in ("pattern", "merges", "special_tokens", "vocab_size")}
    return hashlib.sha256(json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
                          .encode("utf-8")).hexdigest()


def hf_tokenizer(merges, pattern: str = PATTERN):
    """用给定的合并规则搭一个 Hugging Face `tokenizers.Tokenizer` (不含特殊符号):
    Split(pattern, isolated) → ByteLevel(无前缀空格, 不用自带正则) → BPE(我们的 id) → ByteLevel 解码。

    两条合并产生同一个字节串时 (tokenizers 的词表以字符串为键, 装不下) 报 TokenizerError。
    Example: hf_tokenizer([(228, 184)]).encode("一").ids -> [256, 128]
    """
    from tokenizers import Regex, Tokenizer, decoders, models, pre_tokenizers

    b2u = bytes_to_unicode()
    strings = [b2u[b] for b in range(256)]
    vocab = {s: i for i, s in enumerate(strings)}
    hf_merges = []
    for k, (a, b) in enumerate(merges):
        s = strings[a] + strings[b]
        if s in vocab:
            raise TokenizerError(f"第 {k} 条合并 ({a}, {b}) 产生的字节串已经有 id {vocab[s]}; tokenizers 无法表示")
        strings.append(s)
        vocab[s] = 256 + k
        hf_merges.append((strings[a], strings[b]))
    tok = Tokenizer(models.BPE(vocab=vocab, merges=hf_merges, fuse_unk=False))
    tok.pre_tokenizer = pre_tokenizers.Sequence([
        pre_tokenizers.Split(Regex(pattern), behavior="isolated"),
        pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=False),
    ])
    tok.decoder = decoders.ByteLevel()
    return tok


def hf_merges_to_bytes(hf_merges) -> list[tuple[bytes, bytes]]:
    """tokenizers 的合并规则 (字节级字符串对, 如 BpeTrainer 训练出的) → 字节串对, 便于与我们的合并比较。

    Example: hf_merges_to_bytes([("ä", "¸")]) -> [(b'\\xe4', b'\\xb8')]
    """
    u2b = {c: b for b, c in bytes_to_unicode().items()}
    return [(bytes(u2b[c] for c in a), bytes(u2b[c] for c in b)) for a, b in hf_merges]


def merges_to_bytes(merges) -> list[tuple[bytes, bytes]]:
    """我们的合并规则 (id 对) → 字节串对。Example: merges_to_bytes([(228, 184)]) -> [(b'\\xe4', b'\\xb8')]"""
    table = token_bytes_table(merges)
    return [(table[a], table[b]) for a, b in merges]


class BPETokenizer:
    """随附 BPE 分词器的包装: 编码、解码由 tokenizers 完成, 特殊符号在这里处理。"""

    def __init__(self, data: dict):
        self.name = data.get("name", "")
        self.pattern = data["pattern"]
        self.merges = [tuple(m) for m in data["merges"]]
        self.special_tokens = dict(data["special_tokens"])
        self.vocab_size = int(data["vocab_size"])
        self.card = data.get("card", {})
        if self.vocab_size != 256 + len(self.merges) + len(self.special_tokens):
            raise TokenizerError("vocab_size 与合并条数、特殊符号个数不符")
        self.bos_id = self.special_tokens.get("<s>")
        self.eos_id = self.special_tokens.get("</s>")
        self._bytes = token_bytes_table(self.merges)
        self._special_of_id = {i: s for s, i in self.special_tokens.items()}
        self._special_re = regex.compile("(" + "|".join(regex.escape(s) for s in sorted(self.special_tokens, key=lambda s: (-len(s), s))) + ")") \
            if self.special_tokens else None
        self.hf = hf_tokenizer(self.merges, self.pattern)

    def __repr__(self) -> str:
        return f"BPETokenizer({self.name!r}, vocab_size={self.vocab_size}, merges={len(self.merges)})"

    def encode(self, text: str) -> list[int]:
        """普通文本 → id 列表 (特殊符号的字面串不特殊处理)。"""
        return self.hf.encode(text, add_special_tokens=False).ids

    def encode_batch(self, texts) -> list[list[int]]:
        """一批文本 → 每条的 id 列表 (tokenizers 并行编码)。"""
        return [e.ids for e in self.hf.encode_batch(list(texts), add_special_tokens=False)]

    def encode_with_specials(self, text: str) -> list[int]:
        """文本中的特殊符号 (如 "<s>") 变成它的 id, 其余部分照常编码; 特殊符号从不被拆开或与邻居合并。"""
        if self._special_re is None:
            return self.encode(text)
        out = []
        for k, part in enumerate(self._special_re.split(text)):
            if k % 2:
                out.append(self.special_tokens[part])
            elif part:
                out.extend(self.encode(part))
        return out

    def token_bytes(self, i: int) -> bytes:
        """id 代表的字节串 (特殊符号是它的 UTF-8 字节)。"""
        if i in self._special_of_id:
            return self._special_of_id[i].encode("utf-8")
        if not 0 <= i < len(self._bytes):
            raise ValueError(f"id {i} 不在词表里 (0 … {self.vocab_size - 1})")
        return self._bytes[i]

    def decode(self, ids) -> str:
        """id 列表 → 文本: 字节拼起来按 UTF-8 解码, 不完整的字节变成 U+FFFD (errors="replace")。"""
        return b"".join(self.token_bytes(int(i)) for i in ids).decode("utf-8", errors="replace")


def tokenizer_path(name: str = DEFAULT_NAME, directory: Path | None = None) -> Path:
    """随附分词器文件的路径。Example: tokenizer_path().name -> 'bpe_peoples_daily.json'"""
    return (Path(directory) if directory is not None else CHECKPOINT_DIR) / f"{name}.json"


def read_tokenizer_file(name: str = DEFAULT_NAME, directory: Path | None = None) -> dict:
    """读取并核对随附的分词器文件 (dict)。sha256 不符时报 TokenizerError。"""
    path = tokenizer_path(name, directory)
    if not path.is_file():
        raise TokenizerError(f"找不到分词器文件 {path}; 运行 python -m bench.tokenizer 重新训练")
    data = json.loads(path.read_text(encoding="utf-8"))
    digest = _payload_sha256(data)
    if digest != data.get("sha256"):
        raise TokenizerError(f"分词器 {path.name} 的 sha256 是 {digest[:12]}…, 文件里记的是 {str(data.get('sha256'))[:12]}…: "
                             "文件损坏或被改过 (checksum mismatch); 运行 python -m bench.tokenizer 重新训练")
    return data


def load_bpe(name: str = DEFAULT_NAME, directory: Path | None = None) -> BPETokenizer:
    """读取随附的字节级 BPE 分词器: 核对 sha256, 用 tokenizers 搭好编码器。

    Example: tok = load_bpe(); tok.decode(tok.encode("新年好")) -> '新年好'
    """
    return BPETokenizer(read_tokenizer_file(name, directory))
