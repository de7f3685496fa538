"""成绩 (results): 评分失败的原因、从成绩库读分数、导出 grades.csv、成绩表。

Example:
    >>> error_reason("... NotJSONError ...")
    'notebook 不是有效的 JSON (文件损坏或被截断) —— 请学生重新提交'
"""
from __future__ import annotations

import dataclasses
from pathlib import Path

from course.instructor.workdir import (AUTOGRADED_DIR, GRADES_CSV, WORKDIR, InstructorError, assignments,
                                       db_url, nbgrader, submitted_students)


@dataclasses.dataclass
class Outcome:
    student: str
    assignment: str
    score: float | None
    max_score: float
    error: str = ""


def autograded_ok(student: str, assignment: str) -> bool:
    out = AUTOGRADED_DIR / student / assignment
    return out.is_dir() and any(out.glob("*.ipynb"))


# 评分失败的常见原因: (日志里的特征, 给讲师看的中文说明)
FAILURE_REASONS = [
    (("NotJSONError", "JSONDecodeError", "does not appear to be JSON"),
     "notebook 不是有效的 JSON (文件损坏或被截断) —— 请学生重新提交"),
    (("ValidationError", "Notebook JSON is invalid"), "notebook 的格式无效 (nbformat ValidationError)"),
    (("Skipping unknown notebook", "No notebooks found"), "找不到作业的 notebook (文件改了名?) —— 只认学生版里的原名"),
    (("DeadKernelError", "Kernel died", "kernel died"),
     "学生的内核在执行中死掉了 (DeadKernelError): 答案里可能调用了 os._exit/sys.exit、超出内存上限或被杀掉"),
    (("CellTimeoutError", "Timeout waiting for", "timed out"),
     "单元超时且内核无法中断 (吞掉 KeyboardInterrupt 的死循环?) —— 这份提交没有评完"),
    (("database is locked",), "成绩库被锁 (SQLite 并发); 重新运行评分即可"),
    (("nbgrader metadata may be corrupted", "cell_type changed", "old version of the nbgrader metadata"),
     "notebook 的 nbgrader 元数据被改坏了 (edited nbgrader metadata), 无法按学生版恢复 —— 请学生从学生版重新开始"),
    (("BrokenProcessPool",), "评分工作进程意外退出 (BrokenProcessPool); 重新运行评分即可"),
]


def error_reason(log: str) -> str:
    """从 nbgrader 的日志里找出评分失败的原因 (中文), 找不到已知原因时给日志里最后一条错误。"""
    for patterns, reason in FAILURE_REASONS:
        if any(p in log for p in patterns):
            return reason
    lines = [ln.strip() for ln in log.splitlines() if ln.strip()]
    noise = ("Traceback", "Please see the", "There was an error processing")
    hits = [ln for ln in lines if any(k in ln for k in ("Error", "error", "Exception", "failed", "Timeout"))
            and not any(n in ln for n in noise)]
    return (hits[-1] if hits else (lines[-1] if lines else "未知错误"))[:300]


def export_grades() -> Path:
    """nbgrader export → grades.csv (每个学生每个作业一行)。先补上成绩库里学生的名字 (fill_student_names)。"""
    fill_student_names()
    nbgrader("export", f"--to={GRADES_CSV}")
    return GRADES_CSV


def fill_student_names(roster: Path | None = None) -> int:
    """nbgrader autograde 建学生时不填名字, Formgrader 就显示 "None, None"。有花名册 (工作目录里的 students.csv,
    nbgrader 的格式: id,first_name,last_name,email) 就按它填; 没有的学生把学号填进 last_name。返回改了几个。

    Example: students.csv 一行 `alice,丽丝,艾,alice@example.edu` → Formgrader 显示 "艾, 丽丝"。
    """
    import csv

    from nbgrader.api import Gradebook

    roster = roster or WORKDIR / "students.csv"
    names: dict[str, dict] = {}
    if roster.is_file():
        with open(roster, encoding="utf-8") as f:
            for row in csv.DictReader(f):
                if row.get("id"):
                    names[row["id"]] = {k: (row.get(k) or None) for k in ("first_name", "last_name", "email")}
    changed = 0
    with Gradebook(db_url()) as gb:
        for student in gb.students:
            want = names.get(student.id) or ({"last_name": student.id, "first_name": ""}
                                             if student.first_name is None and student.last_name is None else None)
            if want and any(getattr(student, k) != v for k, v in want.items()):
                gb.update_or_create_student(student.id, **want)
                changed += 1
    return changed


def collect_scores(failed: dict[tuple[str, str], str], names: list[str] | None = None,
                   from_gradebook: bool = False) -> list[Outcome]:
    """从成绩库读出每个 (学生, 作业) 的得分; 评分失败的记为 None 并带上原因。

    学生名单: 本机 submitted/ 里交了的; from_gradebook=True 时再并上成绩库里的提交与 failed 里的
    (分片在别的机器上评过的学生)。
    """
    from nbgrader.api import Gradebook, MissingEntry

    outcomes = []
    with Gradebook(db_url()) as gb:
        for a in names or assignments():
            try:
                found = gb.find_assignment(a)
            except MissingEntry:
                raise InstructorError(f"成绩库里没有作业 {a}; 请先运行 make release") from None
            max_score, students = found.max_score, set(submitted_students(a))
            if from_gradebook:
                students |= {sub.student.id for sub in found.submissions}
                students |= {s for s, fa in failed if fa == a}
            for s in sorted(students):
                if (s, a) in failed:
                    outcomes.append(Outcome(s, a, None, max_score, failed[(s, a)]))
                    continue
                try:
                    sub = gb.find_submission(a, s)
                    outcomes.append(Outcome(s, a, sub.score, sub.max_score))
                except MissingEntry:
                    outcomes.append(Outcome(s, a, None, max_score, "成绩库中没有这次提交"))
    return outcomes


def score_table(outcomes: list[Outcome]) -> str:
    """每个学生一行、每周一列的成绩表 (纯文本)。"""
    weeks = sorted({o.assignment for o in outcomes})
    students = sorted({o.student for o in outcomes})
    cell = {(o.student, o.assignment): o for o in outcomes}
    header = ["学生 (student)", *weeks, "总分 (total)"]
    rows = []
    for s in students:
        row, total, total_max = [s], 0.0, 0.0
        for w in weeks:
            o = cell.get((s, w))
            if o is None:
                row.append("未提交")
            elif o.score is None:
                row.append(f"评分失败/{o.max_score:g}")
            else:
                row.append(f"{o.score:g}/{o.max_score:g}")
                total += o.score
            total_max += o.max_score if o else 0
        row.append(f"{total:g}/{total_max:g}")
        rows.append(row)
    widths = [max(_width(r[i]) for r in [header, *rows]) for i in range(len(header))]
    lines = ["  ".join(_pad(v, widths[i]) for i, v in enumerate(r)) for r in [header, *rows]]
    lines.insert(1, "  ".join("-" * w for w in widths))
    notes = [f"  {o.student}/{o.assignment}: {o.error}" for o in outcomes if o.error]
    if notes:
        lines += ["", "评分失败 (grading failed):", *notes]
    return "\n".join(lines)


def _width(text: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))
