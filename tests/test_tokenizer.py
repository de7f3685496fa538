"""course.tokenizer 与 bench.tokenizer 的单元测试。

- 随附分词器 (course/checkpoints/bpe_peoples_daily.json) 的 sha256 核对、卡片与数据一致;
- 用随附合并规则搭起来的 Hugging Face `tokenizers` 在整个测试集上与参考实现 (第 7 周的 encode 答案) 逐 id 相同,
  decode(encode(x)) == x;
- 讲师一侧的快速训练 (bench.tokenizer.train_fast) 与参考解答 train_bpe (notebook 的答案单元) 在训练集的子集和随机小输入上合并规则逐条相同。
"""
from __future__ import annotations

import json
import random
import shutil

import pytest

from bench.tokenizer import text_sha256, train_fast
from course.data import peoples_daily_text
from course.grading import reference
from course.tokenizer import (PATTERN, TokenizerError, bytes_to_unicode, hf_tokenizer, load_bpe, merges_to_bytes,
                              pretokenize, read_tokenizer_file, token_bytes_table, tokenizer_path)


# 参考解答: 第 7 周 notebook 的答案单元 (course.grading.reference 执行 source/ 里的答案单元)
ref_encode = reference("bpe_encode")
ref_decode = reference("bpe_decode")
ref_train = reference("train_bpe")


@pytest.fixture(scope="module")
def tok():
    return load_bpe()


def test_shipped_file_facts(tok):
    data = read_tokenizer_file()
    assert data["pattern"] == PATTERN
    assert tok.vocab_size == 4096 == 256 + len(tok.merges) + 2
    assert (tok.bos_id, tok.eos_id) == (4094, 4095)
    assert tok.special_tokens == {"<s>": 4094, "</s>": 4095}
    card = data["card"]
    assert card["merges"] == len(tok.merges)
    assert card["train_text_sha256"] == text_sha256(peoples_daily_text("train")), "训练数据变了: 重新训练分词器"
    # 每条合并只用到已有的 id
    for k, (a, b) in enumerate(tok.merges):
        assert 0 <= a < 256 + k and 0 <= b < 256 + k


def test_sha256_mismatch_is_refused(tmp_path):
    shutil.copy(tokenizer_path(), tmp_path / "bpe_peoples_daily.json")
    path = tmp_path / "bpe_peoples_daily.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["merges"][5] = [data["merges"][5][1], data["merges"][5][0]]
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(TokenizerError, match="sha256"):
        load_bpe(directory=tmp_path)
    with pytest.raises(TokenizerError, match="找不到"):
        load_bpe("no_such_tokenizer", directory=tmp_path)


def test_hf_encodes_the_whole_test_split_like_the_reference(tok):
    test = peoples_daily_text("test")
    hf_ids = tok.encode_batch(test)
    assert hf_ids == [ref_encode(line, tok.merges) for line in test]
    assert all(tok.decode(ids) == line for ids, line in zip(hf_ids, test))
    assert all(ref_decode(ids, tok.merges) == line for ids, line in zip(hf_ids, test))
    n_tok, n_char = sum(map(len, hf_ids)), sum(map(len, test))
    assert round(n_tok / n_char, 4) == read_tokenizer_file()["card"]["tokens_per_char"]["test"]


def test_wrapper_specials_partial_utf8_and_unknown_ids(tok):
    text = "<s>迈向充满希望的新世纪</s>"
    ids = tok.encode_with_specials(text)
    assert ids[0] == tok.bos_id and ids[-1] == tok.eos_id
    assert ids[1:-1] == tok.encode("迈向充满希望的新世纪")
    assert tok.decode(ids) == text
    assert tok.bos_id not in tok.encode(text)  # 普通 encode 不认特殊符号
    assert tok.decode(tok.encode(text)) == text
    assert tok.decode([228, 184]) == "\ufffd" == tok.hf.decode([228, 184])  # 不完整的 UTF-8
    assert tok.token_bytes(tok.bos_id) == b"<s>"
    with pytest.raises(ValueError):
        tok.decode([tok.vocab_size])
    assert tok.encode("") == [] and tok.decode([]) == ""


def test_pretokenize_covers_the_text_and_matches_tokenizers():
    from tokenizers import Regex, pre_tokenizers

    split = pre_tokenizers.Split(Regex(PATTERN), behavior="isolated")
    rng = random.Random(0)
    alphabet = "迈向新世纪，。１９a Zé\t\n—“”①Ⅱ_0"
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30))) for _ in range(200)]
    texts += peoples_daily_text("test")[:300]
    for text in texts:
        chunks = pretokenize(text)
        assert "".join(chunks) == text
        assert chunks == [s for s, _ in split.pre_tokenize_str(text)]


def test_byte_tables():
    b2u = bytes_to_unicode()
    assert len(set(b2u.values())) == 256 and b2u[ord("A")] == "A"
    assert token_bytes_table([(228, 184), (256, 128)])[257] == "一".encode("utf-8")
    assert merges_to_bytes([(228, 184)]) == [(b"\xe4", b"\xb8")]
    assert hf_tokenizer([(228, 184), (256, 128)]).encode("一一").ids == [257, 257]
    with pytest.raises(TokenizerError):
        hf_tokenizer([(97, 98), (256, 99), (98, 99), (97, 258)])  # "abc" 两次


def test_fast_trainer_equals_the_reference_on_a_subset():
    train = peoples_daily_text("train")
    for lines, n in [(train[:120], 250), (train[5000:5040], 400)]:
        assert train_fast(lines, n) == ref_train(lines, n)


def test_fast_trainer_equals_the_reference_on_random_inputs():
    rng = random.Random(1)
    for _ in range(60):
        alphabet = rng.choice(["ab", "ab 一二，1", "aaab", "迈向新世纪的"])
        lines = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 15))) for _ in range(rng.randint(0, 6))]
        n = rng.randint(0, 40)
        assert train_fast(lines, n) == ref_train(lines, n), (lines, n)
    assert train_fast(["aaabdaaabac"], 3) == [(97, 97), (97, 98), (256, 257)]
    with pytest.raises(ValueError):
        train_fast(["ab"], -1)
