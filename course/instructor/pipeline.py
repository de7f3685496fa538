"""评分流水线 (grading pipeline): 生成学生版、造演示学生、`make demo` 的整条流程。

`make release` / `make demo` 都走这里; 每一步都是真实的 nbgrader 命令 (generate_assignment, autograde,
generate_feedback, export), 成绩库默认是 gradebook.db。评分本身 (并行工作进程、沙箱、分片、篡改标记)
在 grader.py, 成绩与失败原因在 results.py。

Example:
    >>> from course.instructor.pipeline import release
    >>> release(["week01_text"])   # doctest: +SKIP
"""
from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

from course.instructor import grader
from course.instructor.results import GRADES_CSV, Outcome, export_grades
from course.instructor.workdir import (RELEASE_DIR, SUBMITTED_DIR, VARIANTS_DIR, WORKDIR, InstructorError,
                                       assignments, nbgrader)

DEMO_STUDENTS = ("perfect", "alt", "blank", "buggy")
SOLUTION_MARKERS = re.compile(r"^[ \t]*### (BEGIN|END) SOLUTION[ \t]*\n?", re.M)


# ---------------------------------------------------------------- 生成学生版
STAGING_DIR = WORKDIR / ".cache" / "release-staging"


def release(names: list[str] | None = None) -> None:
    """从 source/ 重新生成 release/ (nbgrader generate_assignment --force), 确定性的。

    nbgrader 的 --force 会先删掉整个 release/<作业>/ 再写; 文件浏览器正停在那里的 JupyterLab 会弹出
    "Directory not found"。所以先生成到 .cache/release-staging/, 再逐个文件同步进 release/<作业>/:
    目录本身从不消失, 没变的文件不动, 变了的原子地替换 (os.replace), source/ 里没有了的删掉。
    """
    for a in names or assignments():
        print(f"生成学生版 (release) {a} …", flush=True)
        shutil.rmtree(STAGING_DIR / a, ignore_errors=True)
        nbgrader("generate_assignment", a, "--force", f"--CourseDirectory.release_directory={STAGING_DIR}")
        sync_tree(STAGING_DIR / a, RELEASE_DIR / a)
        shutil.rmtree(STAGING_DIR / a, ignore_errors=True)


def sync_tree(src: Path, dest: Path) -> list[str]:
    """让 dest 与 src 内容相同而不删掉 dest 本身: 只写变了的文件 (同目录临时文件 + os.replace), 删掉多余的。

    返回改动过的相对路径。Example: sync_tree(Path(".cache/release-staging/week01_text"), Path("release/week01_text"))
    """
    dest.mkdir(parents=True, exist_ok=True)
    changed = []
    wanted = {p.relative_to(src) for p in src.rglob("*")}
    for rel in sorted(wanted):
        source, target = src / rel, dest / rel
        if source.is_dir():
            target.mkdir(exist_ok=True)
            continue
        data = source.read_bytes()
        if target.is_file() and target.read_bytes() == data:
            continue
        tmp = target.with_name(f".{target.name}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, target)
        changed.append(rel.as_posix())
    for extra in sorted(dest.rglob("*"), reverse=True):   # 先删深处的
        rel = extra.relative_to(dest)
        if rel not in wanted:
            shutil.rmtree(extra) if extra.is_dir() and not extra.is_symlink() else extra.unlink()
            changed.append(rel.as_posix())
    return changed


# ---------------------------------------------------------------- 演示学生
def _answer_cells(nb: dict) -> dict[str, dict]:
    return {c["metadata"]["nbgrader"]["grade_id"]: c for c in nb["cells"]
            if c.get("metadata", {}).get("nbgrader", {}).get("solution")}


def _source_text(cell: dict) -> str:
    return cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])


def fill_answers(release_nb: dict, answers: dict[str, str]) -> dict:
    """把 {grade_id: 代码} 填进学生版 notebook 的答案单元 (就像学生在 JupyterLab 里写的那样)。"""
    nb = json.loads(json.dumps(release_nb))
    cells = _answer_cells(nb)
    for gid, code in answers.items():
        cells[gid]["source"] = code
    return nb


def demo_answers(kind: str, source_nb: dict, assignment: str) -> dict[str, str]:
    """某个演示学生的答案: perfect = 参考解答, alt = 第一个 alt 变体,
    buggy = 每隔一题放第一个 bug 变体 (其余为参考解答), blank = 不填。"""
    ref = {gid: SOLUTION_MARKERS.sub("", _source_text(c)) for gid, c in _answer_cells(source_nb).items()}
    if kind == "blank":
        return {}
    if kind == "perfect":
        return ref
    out = {}
    for i, (gid, code) in enumerate(ref.items()):
        prefix = "alt_" if kind == "alt" else "bug_"
        files = sorted((VARIANTS_DIR / assignment / gid).glob(f"{prefix}*.py"))
        use_variant = files and (kind == "alt" or i % 2 == 0)
        out[gid] = files[0].read_text(encoding="utf-8") if use_variant else code
    return out


def _notebooks(assignment: str):
    """(source notebook 的路径, 学生版 notebook, source notebook), 每个 notebook 一组; 缺学生版就报讲师错误。"""
    for src in sorted((WORKDIR / "source" / assignment).glob("*.ipynb")):
        rel = RELEASE_DIR / assignment / src.name
        if not rel.is_file():
            raise InstructorError(f"找不到学生版 {rel}; 请先运行 python -m course release {assignment}")
        yield src, json.loads(rel.read_text(encoding="utf-8")), json.loads(src.read_text(encoding="utf-8"))


def _write_submission(student: str, assignment: str, name: str, nb: dict) -> Path:
    out = SUBMITTED_DIR / student / assignment / name
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(nb, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return out.parent


def make_demo_students(students=DEMO_STUDENTS) -> None:
    """在 submitted/ 下造演示学生的提交 (由 release/ 的 notebook 填写答案而来)。"""
    for a in assignments():
        for src, release_nb, source_nb in _notebooks(a):
            for s in students:
                _write_submission(s, a, src.name, fill_answers(release_nb, demo_answers(s, source_nb, a)))
    print(f"演示学生 (demo students): {', '.join(students)} → {SUBMITTED_DIR}/")


def make_student(assignment: str, kind: str = "perfect", exercise: str | None = None,
                 variant: Path | None = None, name: str | None = None) -> Path:
    """一个测试学生, 只做一周 (或一道题), 用于改完一道练习后的快速检查 (再 `grade --assignment … --student …`)。

    kind: perfect (参考解答)、blank (不填)、alt / buggy (同 make demo 的演示学生); variant: 一个变体文件
    (整段答案单元代码) —— 放进 exercise 那道题, 其余题用参考解答。只给 exercise 不给 variant 时,
    只填这一道题 (其余留空), 分数就只来自这道题。返回提交所在的目录 submitted/<name>/<assignment>/。

    Example: make_student("week02_ngram", exercise="count_ngrams",
                          variant=Path("tests/variants/week02_ngram/count_ngrams/bug_no_eos.py"))
    """
    if assignment not in assignments():
        raise InstructorError(f"source/ 里没有作业 {assignment}; 现有: {', '.join(assignments())}")
    if variant is not None and not exercise:
        raise InstructorError("--variant 要和 --exercise 一起用: 变体放进哪一道题")
    label = name or "_".join(filter(None, [Path(variant).stem if variant else kind, exercise]))
    out_dir = None
    for src, release_nb, source_nb in _notebooks(assignment):
        ids = list(_answer_cells(source_nb))
        if exercise and exercise not in ids:
            raise InstructorError(f"{src.name} 里没有练习 {exercise}; 现有: {', '.join(ids)}")
        if variant is not None:   # 这一题放变体, 其余题用参考解答
            answers = {**demo_answers("perfect", source_nb, assignment),
                       exercise: Path(variant).read_text(encoding="utf-8")}
        elif exercise:            # 只做这一题
            answers = {} if kind == "blank" else {exercise: demo_answers(kind, source_nb, assignment)[exercise]}
        else:
            answers = demo_answers(kind, source_nb, assignment)
        out_dir = _write_submission(label, assignment, src.name, fill_answers(release_nb, answers))
    print(f"测试学生 (test student) → {out_dir}")
    return out_dir


def grade(workers: int | None = None, shard: str = "1/1", sandbox: str = "auto",
          assignments_: list[str] | None = None, students: list[str] | None = None) -> list[Outcome]:
    """并行评分 (course/instructor/grader.py); 不分片时接着导出 grades.csv。一个学生出错不影响别人。"""
    part = grader.parse_shard(shard)
    outcomes = grader.grade(workers, part, sandbox, only_assignments=assignments_, only_students=students)
    if part == (1, 1):
        export_grades()
        print(f"成绩已导出到 {GRADES_CSV.name}")
    else:
        print("这是一个分片; 全部分片评完后运行 python -m course report 导出全班成绩")
    return outcomes


def demo() -> list[Outcome]:
    """make demo: 生成学生版 → 造演示学生 → 评分 (含反馈) → 导出 → 成绩表。"""
    release()
    for s in DEMO_STUDENTS:
        shutil.rmtree(SUBMITTED_DIR / s, ignore_errors=True)
    make_demo_students()
    return grade()
