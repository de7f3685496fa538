"""notebook 卫生 (hygiene): 无输出、nbgrader 元数据齐全、答案与测试成对、release/ 与 source/ 同步。"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from course.grading import notebook_cells
from course.grading import COURSE_ROOT, SOURCE_DIR

SOURCE_NBS = sorted(SOURCE_DIR.glob("week*/*.ipynb"))
ASSIGNMENTS = sorted({p.parent.name for p in SOURCE_NBS})


def _load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _src(cell: dict) -> str:
    return cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])


def test_there_are_weeks():
    assert {"week01_text", "week02_ngram"} <= set(ASSIGNMENTS)


@pytest.mark.parametrize("path", SOURCE_NBS + [SOURCE_DIR / "header.ipynb"], ids=lambda p: p.name)
def test_source_has_no_outputs(path):
    for i, cell in enumerate(_load(path)["cells"]):
        if cell["cell_type"] == "code":
            assert not cell.get("outputs") and cell.get("execution_count") is None, f"第 {i} 个单元带有输出"


@pytest.mark.parametrize("path", SOURCE_NBS, ids=lambda p: p.name)
def test_graded_cells_follow_the_convention(path):
    nb = _load(path)
    assert nb["metadata"]["kernelspec"]["name"] == "python3"
    cells = nb["cells"]
    ids = [c["metadata"]["nbgrader"]["grade_id"] for c in cells if "nbgrader" in c.get("metadata", {})]
    assert len(ids) == len(set(ids)), "grade_id 不能重复"
    answers = [c for c in cells if c.get("metadata", {}).get("nbgrader", {}).get("solution")]
    assert len(answers) >= 5, "每周至少五个计分答案单元"
    by_id = {c["metadata"]["nbgrader"]["grade_id"]: c for c in cells if "nbgrader" in c.get("metadata", {})}
    for cell in answers:
        meta = cell["metadata"]["nbgrader"]
        gid, src = meta["grade_id"], _src(cell)
        assert meta["grade"] is False and meta["locked"] is False
        assert "### BEGIN SOLUTION" in src and "### END SOLUTION" in src, gid
        assert re.search(rf"^(def|class) {re.escape(gid)}\b", src, re.M), \
            f"答案单元 {gid} 应定义同名函数或类"
        assert '"""' in src, f"{gid} 需要 docstring"
        visible, hidden = by_id.get(f"test_{gid}"), by_id.get(f"test_{gid}_hidden")
        assert visible is not None and hidden is not None, f"{gid} 缺少可见或隐藏测试单元"
        for t in (visible, hidden):
            tm = t["metadata"]["nbgrader"]
            assert tm["grade"] and tm["locked"] and tm["points"] > 0
            assert "check" in _src(t) or "assert" in _src(t), "测试单元必须真的执行检查"
        hs = _src(hidden)
        assert "### BEGIN HIDDEN TESTS" in hs and "### END HIDDEN TESTS" in hs
        # 与参考解答比较; 采样函数例外: 不同的正确实现抽到的样本不同, 用频率在 5 个标准差内的统计检验
        assert "reference(" in hs or "标准差" in hs, f"{gid} 的隐藏测试应与参考解答比较 (或做统计检验)"
        assert "### BEGIN HIDDEN TESTS" not in _src(visible)


@pytest.mark.parametrize("path", SOURCE_NBS, ids=lambda p: p.name)
def test_prose_ends_with_summary_and_exercises(path):
    md = [_src(c) for c in _load(path)["cells"] if c["cell_type"] == "markdown"]
    text = "\n".join(md)
    assert "## 小结" in text and "## 练习" in text
    assert "您" not in text, "用 \"你\" 而不是 \"您\""


_PASSED = re.compile(r"通过|passed|\bpass\b|✓|✔|\bOK\b|成功", re.I)


@pytest.mark.parametrize("path", SOURCE_NBS, ids=lambda p: p.name)
def test_hidden_tests_never_print_passed(path):
    """隐藏测试单元不打印 "通过": 评分时检查在内核之外才核对, 内核里打印的 "通过" 可能是假的。"""
    bad = []
    for c in notebook_cells(path):
        if c["kind"] != "test" or "### BEGIN HIDDEN TESTS" not in c["source"]:
            continue
        for line in c["source"].splitlines():
            if re.search(r"\b(print|display)\s*\(", line) and _PASSED.search(line):
                bad.append(f"{c['grade_id']}: {line.strip()}")
    assert not bad, "隐藏测试单元不能打印通过的消息 (判定要等内核之外的核对):\n" + "\n".join(bad)


def test_release_is_regenerated_from_source(tmp_path):
    """在临时目录里重新生成 release/, 必须与提交的 release/ 逐字节相同。"""
    for name in ("nbgrader_config.py", "source"):
        src = COURSE_ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, tmp_path / name)
    env = dict(os.environ, COURSE_WORKDIR=str(tmp_path), PATH=f"{Path(sys.executable).parent}:{os.environ['PATH']}")
    env.pop("COURSE_DB_URL", None)
    proc = subprocess.run([sys.executable, "-m", "course", "release"], cwd=tmp_path, env=env,
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    fresh = sorted(p.relative_to(tmp_path / "release") for p in (tmp_path / "release").rglob("*") if p.is_file())
    committed = sorted(p.relative_to(COURSE_ROOT / "release") for p in (COURSE_ROOT / "release").rglob("*")
                       if p.is_file())
    assert fresh == committed, "release/ 的文件列表与 source/ 不一致; 运行 make release"
    for rel in fresh:
        assert (tmp_path / "release" / rel).read_bytes() == (COURSE_ROOT / "release" / rel).read_bytes(), \
            f"release/{rel} 过期了; 运行 make release 并提交"


@pytest.mark.parametrize("path", SOURCE_NBS, ids=lambda p: p.name)
def test_release_hides_solutions_and_hidden_tests(path):
    rel = COURSE_ROOT / "release" / path.parent.name / path.name
    text = rel.read_text(encoding="utf-8")
    assert "### BEGIN SOLUTION" not in text and "BEGIN HIDDEN TESTS" not in text
    assert "reference(" not in text, "学生版不应出现参考解答的调用"
    assert "在这里写你的代码" in text
    assert len([c for c in notebook_cells(rel) if c["kind"] == "answer"]) == \
        len([c for c in notebook_cells(path) if c["kind"] == "answer"])
