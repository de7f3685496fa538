"""评分闸门 (grading gate): 每个 alt 满分, 每个 bug 被隐藏测试抓住; 闸门自己也能发现太弱的测试。"""
from __future__ import annotations

import json

import pytest

from course.instructor import gate
from course.grading import SOURCE_DIR

ASSIGNMENTS = sorted(p.name for p in SOURCE_DIR.glob("week*") if any(p.glob("*.ipynb")))


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_every_grade_id_has_variants(assignment):
    assert gate.structure_problems(assignment) == []


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_gate(assignment):
    results = gate.run_gate(assignment)
    assert results[0].kind == "reference" and results[0].verdict, results[0].tests
    kinds = {r.kind for r in results}
    assert {"alt", "bug"} <= kinds
    bad = [f"{r.grade_id}/{r.variant}: {r.reason} {[(t, c.detail[:200]) for t, c in r.tests.items() if not c.ok]}"
           for r in results if not r.verdict]
    assert not bad, "\n".join(bad)


def _notebook(tmp_path, hidden_check: str):
    def cell(src, **nbg):
        meta = {"nbgrader": {"schema_version": 3, **nbg}} if nbg else {}
        return {"cell_type": "code", "metadata": meta, "source": src, "outputs": [], "execution_count": None}

    nb = {"cells": [
        cell("def double(x):\n    ### BEGIN SOLUTION\n    return 2 * x\n    ### END SOLUTION",
             grade=False, solution=True, locked=False, grade_id="double"),
        cell("assert double(0) == 0", grade=True, solution=False, locked=True, grade_id="test_double", points=1),
        cell(f"### BEGIN HIDDEN TESTS\n{hidden_check}\n### END HIDDEN TESTS", grade=True, solution=False,
             locked=True, grade_id="test_double_hidden", points=1),
    ], "metadata": {"kernelspec": {"name": "python3"}}, "nbformat": 4, "nbformat_minor": 5}
    path = tmp_path / "nb.ipynb"
    path.write_text(json.dumps(nb), encoding="utf-8")
    return path


def test_gate_flags_a_weak_hidden_test_and_a_wrong_alt(tmp_path, monkeypatch):
    variants = tmp_path / "variants" / "demo" / "double"
    variants.mkdir(parents=True)
    (variants / "alt_wrong.py").write_text("def double(x):\n    return x + 1\n")
    (variants / "bug_square.py").write_text("# bug[wrong-math]: 平方\ndef double(x):\n    return x * x\n")
    monkeypatch.setattr(gate, "VARIANTS_DIR", tmp_path / "variants")
    # 隐藏测试只查 x=2 —— 2*2 == 2+2, 抓不住平方的错误
    results = gate.run_notebook_gate("demo", _notebook(tmp_path, "assert double(2) == 4"))
    by_name = {r.variant: r for r in results}
    assert by_name["nb.ipynb"].verdict
    assert not by_name["bug_square.py"].verdict, "闸门应报告: 隐藏测试太弱"
    assert not by_name["alt_wrong.py"].verdict, "闸门应报告: 所谓正确实现没拿满分"


def test_gate_flags_missing_and_unknown_bug_classes(tmp_path, monkeypatch):
    source = tmp_path / "source" / "demo"
    source.mkdir(parents=True)
    _notebook(tmp_path, "assert double(3) == 6").rename(source / "nb.ipynb")
    variants = tmp_path / "variants" / "demo" / "double"
    variants.mkdir(parents=True)
    (variants / "alt_add.py").write_text("def double(x):\n    return x + x\n")
    (variants / "bug_square.py").write_text("# bug[wrong-math]: 平方\ndef double(x):\n    return x * x\n")
    (variants / "bug_old_header.py").write_text("# bug: 旧格式, 没有类别\ndef double(x):\n    return x\n")
    (variants / "bug_typo.py").write_text("# bug[wrong-maths]: 类别拼错了\ndef double(x):\n    return 3 * x\n")
    (variants / "bug_cache.py").write_text("# bug[stale-state]: 缓存\ndef double(x):\n    return 0\n")
    monkeypatch.setattr(gate, "SOURCE_DIR", tmp_path / "source")
    monkeypatch.setattr(gate, "VARIANTS_DIR", tmp_path / "variants")
    problems = gate.structure_problems("demo")
    assert any("缺少 classes.txt" in p for p in problems), problems
    assert any("bug_old_header.py" in p and "# bug[<类别>]" in p for p in problems), problems
    assert any("bug_typo.py" in p and "未知的类别 'wrong-maths'" in p for p in problems), problems

    (variants / "classes.txt").write_text("wrong-math\nmutation  # 参数是 list\nedge-shape\nno-such-class\n")
    problems = gate.structure_problems("demo")
    assert not any("缺少 classes.txt" in p for p in problems)
    assert any("类别 mutation 适用" in p and "没有这一类的 bug" in p for p in problems), problems
    assert any("未知的类别 'no-such-class'" in p for p in problems), problems
    assert any("bug_cache.py" in p and "stale-state 没有列在 classes.txt" in p for p in problems), problems
    table = gate.format_coverage("demo")
    row = next(line for line in table.splitlines() if line.startswith("double"))
    cells = row.split()[1:]
    assert cells[:4] == ["1", "!", "-", "1"] and cells[6] == "!", table


def test_kernel_takes_extra_env(tmp_path):
    from course.instructor.kernel import KEY_HASHSEED, STUDENT_HASHSEED, Kernel

    assert KEY_HASHSEED != STUDENT_HASHSEED
    kernel = Kernel(tmp_path, mode="student", env={"PYTHONHASHSEED": STUDENT_HASHSEED})
    try:
        run = kernel.run("import os, sys\n"
                         f"assert os.environ['PYTHONHASHSEED'] == {STUDENT_HASHSEED!r}\n"
                         "assert os.environ['NBGRADER_EXECUTION'] == 'autograde'\n"
                         "assert os.environ['COURSE_GRADING_MODE'] == 'student'")
        assert run.ok, run.detail
    finally:
        kernel.close()
