"""端到端 (end to end): 真实的 nbgrader generate_assignment → autograde → generate_feedback → export。

在临时目录里跑完整套流程: 完美 (perfect)、另一种正确写法 (alt)、空白 (blank)、有错 (buggy) 四个演示学生,
外加四个异常提交 —— JSON 损坏、复制粘贴了一个答案单元 (重复的 grade_id)、删掉了隐藏测试单元、
在函数里往文件描述符 2 (stderr) 写调试信息。
坏提交只影响它自己; 反馈里不出现隐藏测试的源码; 只有讲师的错误才让命令以非零退出。
"""
from __future__ import annotations

import copy
import csv
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from course.grading import COURSE_ROOT, SOURCE_DIR

WEEKS = sorted(p.name for p in SOURCE_DIR.glob("week*") if any(p.glob("*.ipynb")))
FIRST = WEEKS[0]


def _run(args, workdir):
    env = dict(os.environ, COURSE_WORKDIR=str(workdir), PATH=f"{Path(sys.executable).parent}:{os.environ['PATH']}")
    env.pop("COURSE_DB_URL", None)
    return subprocess.run([sys.executable, "-m", "course", *args], cwd=workdir, env=env,
                          capture_output=True, text=True, timeout=1500)


def _submit(workdir, student, nb_path, nb_or_text):
    out = workdir / "submitted" / student / nb_path.parent.name / nb_path.name
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(nb_or_text if isinstance(nb_or_text, str) else json.dumps(nb_or_text, ensure_ascii=False),
                   encoding="utf-8")


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("course")
    for name in ("nbgrader_config.py", "source"):
        src = COURSE_ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, workdir / name)
    assert _run(["release"], workdir).returncode == 0
    assert _run(["demo-students"], workdir).returncode == 0
    # 坏提交, 只交第一周的第一个 notebook
    perfect_path = sorted((workdir / "submitted" / "perfect" / FIRST).glob("*.ipynb"))[0]
    perfect = json.loads(perfect_path.read_text(encoding="utf-8"))
    _submit(workdir, "broken_json", perfect_path, perfect_path.read_text(encoding="utf-8")[:5000])
    dup = copy.deepcopy(perfect)
    first_answer = next(i for i, c in enumerate(dup["cells"]) if c["metadata"].get("nbgrader", {}).get("solution"))
    dup["cells"].insert(first_answer + 1, copy.deepcopy(dup["cells"][first_answer]))
    for c in dup["cells"]:
        c.pop("id", None)
    _submit(workdir, "dup_cell", perfect_path, dup)
    deleted = copy.deepcopy(perfect)
    deleted["cells"] = [c for c in deleted["cells"]
                        if not c["metadata"].get("nbgrader", {}).get("grade_id", "").endswith("_hidden")]
    _submit(workdir, "deleted_tests", perfect_path, deleted)
    # 正确答案, 但函数里用 os.write(2, …) 打调试信息 (绕过 sys.stderr, 只有 StderrAsStdout 能救)
    noisy = copy.deepcopy(perfect)
    cell = next(c for c in noisy["cells"] if c["metadata"].get("nbgrader", {}).get("solution")
                and f"def {c['metadata']['nbgrader']['grade_id']}(" in "".join(c["source"]))
    gid = cell["metadata"]["nbgrader"]["grade_id"]
    cell["source"] = "".join(cell["source"]) + (
        f"\n\nimport os as _os\n_quiet_{gid} = {gid}\n\ndef {gid}(*args, **kwargs):\n"
        f"    _os.write(2, b'debug: called\\n')\n    return _quiet_{gid}(*args, **kwargs)\n")
    _submit(workdir, "stderr_debug", perfect_path, noisy)
    proc = _run(["grade"], workdir)
    scores = {}
    if (workdir / "grades.csv").exists():
        with open(workdir / "grades.csv", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                scores[(row["student_id"], row["assignment"])] = (float(row["score"]), float(row["max_score"]))
    return workdir, proc, scores


def test_grade_command_succeeds_despite_broken_submissions(graded):
    _, proc, _ = graded
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert "评分失败" in proc.stdout and "broken_json" in proc.stdout


@pytest.mark.parametrize("week", WEEKS)
def test_demo_students_score_as_expected(graded, week):
    _, proc, scores = graded
    full = scores[("perfect", week)][1]
    assert full > 0
    assert scores[("perfect", week)][0] == full, proc.stdout[-3000:]
    assert scores[("alt", week)][0] == full, "另一种正确写法必须拿满分"
    assert scores[("blank", week)][0] == 0, "未修改的学生版必须是 0 分"
    assert 0 < scores[("buggy", week)][0] < full


def test_broken_submissions_cost_only_their_own_points(graded):
    _, _, scores = graded
    full = scores[("perfect", FIRST)][1]
    assert scores[("dup_cell", FIRST)][0] == full, "复制的答案单元不应让评分失败"
    assert scores[("deleted_tests", FIRST)][0] == full, "删掉的测试单元应被加回来并照常评分"
    assert scores.get(("broken_json", FIRST), (0, full))[0] == 0
    assert scores[("stderr_debug", FIRST)][0] == full, "写到 stderr 的调试信息不应扣分"


def test_feedback_has_no_hidden_test_source(graded):
    workdir, _, _ = graded
    pages = list((workdir / "feedback").rglob("*.html"))
    assert len(pages) >= 4 * len(WEEKS)
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "BEGIN HIDDEN TESTS" not in html and "reference(" not in html, page
    buggy = "".join(p.read_text(encoding="utf-8") for p in (workdir / "feedback" / "buggy").rglob("*.html"))
    assert "结果不对" in buggy or "GradingError" in buggy, "有错的学生应在反馈里看到中文说明"


def test_instructor_error_exits_non_zero(tmp_path):
    shutil.copy(COURSE_ROOT / "nbgrader_config.py", tmp_path / "nbgrader_config.py")
    (tmp_path / "source" / "week09_missing").mkdir(parents=True)
    (tmp_path / "source" / "week09_missing" / "09.ipynb").write_text("{}", encoding="utf-8")
    proc = _run(["release"], tmp_path)
    assert proc.returncode != 0 and "错误" in proc.stderr
