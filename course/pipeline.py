"""评分流水线 (grading pipeline): 生成学生版、造演示学生、自动评分、反馈、导出、成绩表。

`make release` / `make grade` / `make demo` 都走这里; 每一步都是真实的 nbgrader 命令
(generate_assignment, autograde, generate_feedback, export), 成绩库默认是 gradebook.db。

坏输入: 一个学生的 notebook 坏了 (JSON 无效、单元被删、死循环 …) 只影响这个学生;
其他学生照常评分; 只有讲师自己的错误 (source 缺失、nbgrader 配置错) 才让命令以非零退出。
评分本身 (并行工作进程、沙箱、分片、篡改标记) 在 course/grader.py。

Example:
    >>> from course.pipeline import assignments
    >>> assignments()
    ['week01_text', 'week02_ngram']
"""
from __future__ import annotations

import dataclasses
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from course.grading import COURSE_ROOT
from course.gate import VARIANTS_DIR

DB_URL_ENV = "COURSE_DB_URL"
# 工作目录: 默认是仓库根目录; 测试把整套评分放进临时目录 (COURSE_WORKDIR), 不弄脏仓库
WORKDIR = Path(os.environ.get("COURSE_WORKDIR", COURSE_ROOT)).resolve()
RELEASE_DIR = WORKDIR / "release"
SUBMITTED_DIR = WORKDIR / "submitted"
AUTOGRADED_DIR = WORKDIR / "autograded"
FEEDBACK_DIR = WORKDIR / "feedback"
GRADES_CSV = WORKDIR / "grades.csv"
DEMO_STUDENTS = ("perfect", "alt", "blank", "buggy")
SOLUTION_MARKERS = re.compile(r"^[ \t]*### (BEGIN|END) SOLUTION[ \t]*\n?", re.M)


class InstructorError(RuntimeError):
    """讲师一侧的错误 (配置、source 缺失): 命令应当以非零退出。"""


def db_url(root: Path = WORKDIR) -> str:
    """成绩库地址: 环境变量 COURSE_DB_URL, 默认 root 里的 SQLite 文件 gradebook.db。

    Example: db_url(Path("/srv/course")) -> 'sqlite:////srv/course/gradebook.db'
    """
    return os.environ.get(DB_URL_ENV, f"sqlite:///{Path(root) / 'gradebook.db'}")


def assignments() -> list[str]:
    """source/ 下的作业名, 按周排序。"""
    src = WORKDIR / "source"
    return sorted(p.name for p in src.glob("week*") if p.is_dir() and any(p.glob("*.ipynb")))


def nbgrader(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    """在仓库根目录运行一条 nbgrader 命令, 捕获输出。"""
    bindir = Path(sys.executable).parent  # nbgrader 会从 PATH 里找 alembic, 虚拟环境的 bin 要在最前面
    exe = bindir / "nbgrader"
    cmd = [str(exe) if exe.exists() else "nbgrader", *args]
    env = dict(os.environ, PATH=f"{bindir}{os.pathsep}{os.environ.get('PATH', '')}")
    proc = subprocess.run(cmd, cwd=WORKDIR, capture_output=True, text=True, env=env)
    if check and proc.returncode != 0:
        raise InstructorError(f"命令失败: {' '.join(cmd)}\n{proc.stdout[-2000:]}\n{proc.stderr[-4000:]}")
    return proc


# ---------------------------------------------------------------- 生成学生版
def release(names: list[str] | None = None) -> None:
    """从 source/ 重新生成 release/ (nbgrader generate_assignment --force), 确定性的。"""
    for a in names or assignments():
        print(f"生成学生版 (release) {a} …", flush=True)
        nbgrader("generate_assignment", a, "--force")


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


def make_demo_students(students=DEMO_STUDENTS) -> None:
    """在 submitted/ 下造演示学生的提交 (由 release/ 的 notebook 填写答案而来)。"""
    for a in assignments():
        for src in sorted((WORKDIR / "source" / a).glob("*.ipynb")):
            rel = RELEASE_DIR / a / src.name
            if not rel.is_file():
                raise InstructorError(f"找不到学生版 {rel}; 请先运行 make release")
            release_nb = json.loads(rel.read_text(encoding="utf-8"))
            source_nb = json.loads(src.read_text(encoding="utf-8"))
            for s in students:
                nb = fill_answers(release_nb, demo_answers(s, source_nb, a))
                out = SUBMITTED_DIR / s / a / src.name
                out.parent.mkdir(parents=True, exist_ok=True)
                out.write_text(json.dumps(nb, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"演示学生 (demo students): {', '.join(students)} → {SUBMITTED_DIR}/")


# ---------------------------------------------------------------- 评分
@dataclasses.dataclass
class Outcome:
    student: str
    assignment: str
    score: float | None
    max_score: float
    error: str = ""


def submitted_students(assignment: str) -> list[str]:
    return sorted(p.parent.name for p in SUBMITTED_DIR.glob(f"*/{assignment}") if p.is_dir())


def _autograded_ok(student: str, assignment: str) -> bool:
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
]


def _error_reason(log: str) -> str:
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
    """nbgrader export → grades.csv (每个学生每个作业一行)。"""
    nbgrader("export", f"--to={GRADES_CSV}")
    return GRADES_CSV


def collect_scores(failed: dict[tuple[str, str], str], from_gradebook: bool = False) -> list[Outcome]:
    """从成绩库读出每个 (学生, 作业) 的得分; 评分失败的记为 None 并带上原因。

    学生名单: 本机 submitted/ 里交了的; from_gradebook=True 时再并上成绩库里的提交与 failed 里的
    (分片在别的机器上评过的学生)。
    """
    from nbgrader.api import Gradebook, MissingEntry

    outcomes = []
    with Gradebook(db_url()) as gb:
        for a in assignments():
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


def grade(workers: int | None = None, shard: str = "1/1", sandbox: str = "auto") -> list[Outcome]:
    """并行评分 (course/grader.py); 不分片时接着导出 grades.csv。一个学生出错不影响别人。"""
    from course import grader

    part = grader.parse_shard(shard)
    outcomes = grader.grade(workers, part, sandbox)
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
