"""复核表 (course/review.py): 各片写入、重评替换、与 nbgrader 的表共存于一个 SQLite 成绩库。"""
from __future__ import annotations

import os
import sys
from pathlib import Path

from course.instructor import review


def _flag(student, rule="给导入模块的属性赋值 (monkeypatch)", assignment="week01_text"):
    return {"student": student, "assignment": assignment, "notebook": "01_text.ipynb", "cell": "cosine",
            "line": 2, "rule": rule, "code": "np.allclose = lambda *a, **k: True"}


def test_shards_accumulate_and_regrading_replaces(tmp_path, monkeypatch):
    from nbgrader.api import Gradebook

    monkeypatch.setenv("PATH", f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")  # alembic

    url = f"sqlite:///{tmp_path / 'gradebook.db'}"
    with Gradebook(url) as gb:  # nbgrader 先建好它的表
        gb.add_student("alice")
    assert review.load(url) == ({}, [])
    # 第 1 片: alice 被标记, bob 评分失败
    review.save(url, [("alice", "week01_text"), ("bob", "week01_text")],
                {("bob", "week01_text"): "notebook 不是有效的 JSON"}, [_flag("alice")], shard="1/2")
    # 第 2 片: carol 两条标记; 不碰第 1 片的记录
    review.save(url, [("carol", "week01_text")], {}, [_flag("carol"), _flag("carol", rule="读写成绩库")], shard="2/2")
    failed, flags = review.load(url)
    assert failed == {("bob", "week01_text"): "notebook 不是有效的 JSON"}
    assert [(f["student"], f["rule"]) for f in flags] == [
        ("alice", "给导入模块的属性赋值 (monkeypatch)"), ("carol", "给导入模块的属性赋值 (monkeypatch)"),
        ("carol", "读写成绩库")]
    assert flags[0] == _flag("alice")
    # 重评 alice 与 bob (都改好了): 只有他们的旧记录被清掉
    review.save(url, [("alice", "week01_text"), ("bob", "week01_text")], {}, [], shard="1/2")
    failed, flags = review.load(url)
    assert failed == {} and {f["student"] for f in flags} == {"carol"}
    with Gradebook(url) as gb:  # nbgrader 的表不受影响
        assert [s.id for s in gb.students] == ["alice"]


def test_other_assignment_of_same_student_is_kept(tmp_path):
    url = f"sqlite:///{tmp_path / 'gradebook.db'}"
    review.save(url, [("alice", "week01_text"), ("alice", "week02_ngram")], {("alice", "week02_ngram"): "超时"},
                [_flag("alice")])
    review.save(url, [("alice", "week01_text")], {}, [])
    assert review.load(url) == ({("alice", "week02_ngram"): "超时"}, [])
