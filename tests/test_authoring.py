"""讲师的编写工具 (issue 19): 规范的 notebook 格式、节号与引用、分数与计分表、术语表、脚手架、
按需的测试学生, 以及两份 checkout 共用一个环境时内核用的是正在评分的那一份。

会改文件的测试都在临时目录里的一份副本上做, 不碰仓库。
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from course.instructor import authoring as a

ROOT = Path(__file__).resolve().parents[1]


def _all_notebooks() -> list[Path]:
    return sorted([*ROOT.glob("source/*.ipynb"), *ROOT.glob("source/week*/*.ipynb"), *ROOT.glob("release/week*/*.ipynb")])


@pytest.mark.parametrize("path", _all_notebooks(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_notebook_is_in_the_canonical_format(path):
    raw = path.read_text(encoding="utf-8")
    nb = nbformat.reads(raw, as_version=4)
    assert nb.nbformat == 4 and nb.nbformat_minor >= 5 and all("id" in c for c in nb.cells), \
        f"{path}: 要求 nbformat 4.5 (每个单元有 id)"
    assert raw == a.canonical(nb), (f"{path} 不是仓库的规范格式 (nbformat.writes + 换行); 用 "
                                    "course.instructor.authoring.write_notebook 写 notebook")


def test_sections_numbering_and_references():
    problems = a.section_problems()
    assert not problems, "\n".join(problems)


def test_points_titles_and_readme_table_are_derived():
    problems = a.points_problems()
    assert not problems, "\n".join(problems)
    assert not a.update_readme(write=False), "README.md 的计分表与 notebook 不一致: 运行 python -m course tables"


def test_every_marked_term_is_in_the_glossary_with_one_translation():
    problems = a.term_problems()
    assert not problems, "\n".join(problems)


def test_reference_finder():
    text = "见 2.9 节; 6.10 与 6.12 节; 6.10–6.12 节; 练习 2.3; 版本 3.11 不算"
    assert [r for r, _ in a.references(text)] == ["2.9", "6.10", "6.12", "6.10", "6.12", "练习 2.3"]


# ---------------------------------------------------------------- 在副本上改
def _copy_repo(dst: Path) -> Path:
    for rel in ("source", "tests/claims", "tests/variants/week02_ngram"):
        shutil.copytree(ROOT / rel, dst / rel)
    for pattern in ("README.md", "TERMINOLOGY.md", "nbgrader_config.py", "bench/*.py", "tests/*.py",
                    "course/*.py", "course/instructor/*.py"):
        for f in ROOT.glob(pattern):
            (dst / f.relative_to(ROOT)).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(f, dst / f.relative_to(ROOT))
    return dst


def _week02(root: Path) -> Path:
    return root / "source" / "week02_ngram" / "02_ngram.ipynb"


def test_inserting_a_section_renumbers_it_and_every_reference(tmp_path):
    root = _copy_repo(tmp_path / "repo")
    nb = a.read_notebook(_week02(root))
    i = next(k for k, c in enumerate(nb.cells) if c.cell_type == "markdown" and "\n## 2.9 " in "\n" + c.source)
    nb.cells.insert(i, nbformat.v4.new_markdown_cell("## 新的一节\n\n插在 2.9 节 (插值) 之前。"))
    a.write_notebook(_week02(root), nb)
    assert any("新的一节" in p and "没有编号" in p for p in a.section_problems(root)), "没编号的新标题应当报出来"
    assert "第 2 周 2.9 节" in (root / "bench" / "ladder.py").read_text(encoding="utf-8")

    a.renumber(root)
    heads = [(w, k, t) for kind, w, k, t in a.headings(a.read_notebook(_week02(root))) if kind == "section"]
    assert (2, 9, "新的一节") in heads and (2, 10, "插值") in heads and (2, 11, "用语言模型生成文本") in heads
    ladder = (root / "bench" / "ladder.py").read_text(encoding="utf-8")
    assert "第 2 周 2.10 节" in ladder and "2.9 节" not in ladder, "bench/ladder.py 对插值一节的引用没有跟着改"
    new_cell = next(c for c in a.read_notebook(_week02(root)).cells if "## 2.9 新的一节" in c.source)
    assert "插在 2.10 节" in new_cell.source
    assert a.section_problems(root) == []


def test_a_moved_title_is_caught_until_renumbered(tmp_path):
    root = _copy_repo(tmp_path / "repo")
    nb = a.read_notebook(_week02(root))
    cell = next(c for c in nb.cells if c.cell_type == "markdown" and "## 2.9 插值" in c.source)
    cell.source = cell.source.replace("## 2.9 插值", "## 2.9 线性插值与回退", 1)
    a.write_notebook(_week02(root), nb)
    problems = a.section_problems(root)
    assert any("2.9" in p and "插值" in p and "sections.json" in p for p in problems), problems


def test_scaffold_an_exercise_and_a_week_then_release_and_make_students(tmp_path):
    root = _copy_repo(tmp_path / "repo")
    original = a.read_notebook(_week02(root))
    done = a.new_exercise("week02_ngram", "kneser_ney_prob", after="2.9", root=root)
    assert done
    nb = a.read_notebook(_week02(root))
    assert _week02(root).read_text(encoding="utf-8") == a.canonical(nb)
    rows = {r["grade_id"]: r for r in a.graded(nb)}
    assert rows["kneser_ney_prob"]["points"] == 3 and rows["kneser_ney_prob"]["heading_points"] == 3
    exercises = [(k, t) for kind, w, k, t in a.headings(nb) if kind == "exercise"]
    assert [k for k, _ in exercises] == list(range(1, len(exercises) + 1)), exercises
    # 插在 2.9 节末尾: 它前面的练习就是原来 2.1–2.9 节里的那些, 后面的练习号都加 1
    heads = a.headings(original)
    first_after = next(i for i, h in enumerate(heads) if h[0] == "section" and h[2] == 10)
    n_before = sum(1 for h in heads[:first_after] if h[0] == "exercise")
    assert exercises[n_before] == (n_before + 1, "实现 `kneser_ney_prob`"), exercises
    old_rows = a.graded(original)
    assert (f"本周有 {len(old_rows) + 1} 道计分练习（共 {sum(r['points'] for r in old_rows) + 3} 分）"
            in nb.cells[0].source)
    assert "`kneser_ney_prob` 3" in (root / "README.md").read_text(encoding="utf-8")
    vdir = root / "tests" / "variants" / "week02_ngram" / "kneser_ney_prob"
    assert {p.name for p in vdir.iterdir()} >= {"classes.txt", "alt_TODO.py", "bug_TODO_1.py"}
    assert a.section_problems(root) == []
    # 标题单元还没列出新函数: 核对会指出来 (编写指南让作者把它加进去)
    assert any("kneser_ney_prob" in p for p in a.points_problems(root / "source"))

    done = a.new_week("week09_demo", "演示的一周", root=root)
    week9 = root / "source" / "week09_demo" / "09_demo.ipynb"
    assert week9.is_file() and (root / "tests" / "claims" / "week09.py").is_file()
    assert a.section_problems(root) == []
    assert "| week09_demo | 演示的一周 |" in (root / "README.md").read_text(encoding="utf-8")

    # 真的 nbgrader 能生成学生版; 按需造的测试学生只填那一道题
    env = dict(os.environ, COURSE_WORKDIR=str(root))
    run = subprocess.run([sys.executable, "-m", "course", "release", "week02_ngram"], cwd=root, env=env,
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    released = json.loads((root / "release" / "week02_ngram" / "02_ngram.ipynb").read_text(encoding="utf-8"))
    answer = next(c for c in released["cells"] if c["metadata"].get("nbgrader", {}).get("grade_id") == "kneser_ney_prob")
    assert "BEGIN SOLUTION" not in "".join(answer["source"])
    run = subprocess.run([sys.executable, "-m", "course", "student", "--assignment", "week02_ngram",
                          "--exercise", "count_ngrams"], cwd=root, env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    sub = json.loads((root / "submitted" / "perfect_count_ngrams" / "week02_ngram" / "02_ngram.ipynb")
                     .read_text(encoding="utf-8"))
    filled = {c["metadata"]["nbgrader"]["grade_id"] for c in sub["cells"]
              if c["metadata"].get("nbgrader", {}).get("solution") and "NotImplementedError" not in "".join(c["source"])}
    assert filled == {"count_ngrams"}
    run = subprocess.run([sys.executable, "-m", "course", "student", "--assignment", "week02_ngram",
                          "--exercise", "count_ngrams", "--variant", "nope.py"], cwd=root, env=env,
                         capture_output=True, text=True)
    assert run.returncode != 0


# ---------------------------------------------------------------- 两份 checkout
def _other_checkout(dst: Path) -> Path:
    shutil.copytree(ROOT / "course", dst / "course", ignore=shutil.ignore_patterns("__pycache__", "checkpoints"))
    shutil.copytree(ROOT / "source", dst / "source")
    (dst / "course" / "_which_checkout.py").write_text("WHICH = 'other'\n", encoding="utf-8")
    return dst


def test_grading_kernel_uses_the_checkout_being_graded(tmp_path):
    """环境的可编辑安装指向这个仓库; 在另一份 checkout 里启动的内核 import 的是那一份的 course。"""
    other = _other_checkout(tmp_path / "other")
    code = ("from pathlib import Path\nfrom course.instructor.kernel import Kernel\n"
            f"k = Kernel(Path({str(tmp_path)!r}), mode='key')\n"
            "r = k.run('import course._which_checkout')\nk.close()\nprint('OK' if r.ok else 'FAIL ' + r.detail)")
    run = subprocess.run([sys.executable, "-c", code], cwd=other, capture_output=True, text=True, timeout=120)
    assert run.stdout.strip().endswith("OK"), run.stdout + run.stderr


def test_a_kernel_that_imports_another_checkout_refuses(tmp_path):
    other = _other_checkout(tmp_path / "other")
    env = dict(os.environ, COURSE_EXPECT_ROOT=str(other))
    env.pop("PYTHONPATH", None)
    run = subprocess.run([sys.executable, "-c", "import course"], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert run.returncode != 0 and "ImportError" in run.stderr and str(other) in run.stderr


def test_cli_refuses_inside_another_checkout(tmp_path):
    other = _other_checkout(tmp_path / "other")
    env = {k: v for k, v in os.environ.items() if k not in ("COURSE_WORKDIR", "PYTHONPATH")}
    run = subprocess.run([sys.executable, "-m", "course", "sections"], cwd=other / "source", env=env,
                         capture_output=True, text=True)
    assert run.returncode == 2 and str(other) in run.stderr and "另一份" in run.stderr, run.stdout + run.stderr
