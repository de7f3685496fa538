"""评分闸门 (grading gate): 测试的测试。

对每个 grade_id, `tests/variants/<作业>/<grade_id>/` 里:
- `alt_*.py` 是写法不同但正确的实现 —— 它的可见测试和隐藏测试都必须通过;
- `bug_*.py` 是真实的学生错误, 第一行 `# bug[<类别>]: 说明` —— 至少一个隐藏测试必须失败;
- `classes.txt`: 这道题适用的错误类别 (BUG_CLASSES 里的, 一行一个); 每个适用的类别至少有一个 bug。

做法 (每个 source notebook):
1. 参考内核 (模式 key, PYTHONHASHSEED=KEY_HASHSEED): 按顺序运行全部单元, 参考解答必须全部通过;
   测试单元的记录就是答案键 (与 answer_key.make_key 相同, 写入缓存, 评分时直接用)。
2. 学生内核 (另开一个, 模式 student, PYTHONHASHSEED=STUDENT_HASHSEED, 与沙箱评分一样拿不到参考解答):
   先按顺序运行全部非测试单元 (参考解答的定义、讲解里的代码), 与第 1 步同时进行; 然后对每个变体:
   执行变体代码 (替换该答案单元) → 重跑该题的测试单元 → 在内核之外用答案键核对记录
   (course.instructor.answer_key) → 恢复参考解答。两个内核的哈希种子不同, 所以答案依赖
   set/dict 迭代顺序的变体 (order-dependence) 在这里就会被抓住, 与真实评分一样。
测试单元中的 stderr 与报错同样算失败 (nbgrader 的 Validate 就是这样判的)。
一周几十个变体只要几十秒; 端到端的真实 nbgrader 评分在 tests/test_pipeline.py。
最后打印类别覆盖表 (grade_id × 类别)。

Example:
    $ python -m course gate week02_ngram
"""
from __future__ import annotations

import dataclasses
import re
import shutil
import sys
import tempfile
import threading
from pathlib import Path

from course.grading import COURSE_ROOT, SOURCE_DIR, notebook_cells
from course.instructor.answer_key import KEY_HASHSEED, STUDENT_HASHSEED, save_key, verify_cell
from course.instructor.kernel import CellRun, Kernel
from course.instructor.workdir import VARIANTS_DIR

# 错误类别 (bug classes), 顺序即覆盖表的列顺序
BUG_CLASSES = ("wrong-math", "mutation", "aliasing", "stale-state", "error-path", "long-input", "edge-shape",
               "non-default-arg", "order-dependence")
BUG_HEADER = re.compile(r"^# bug\[([^\]]*)\]: *(\S.*)$")
CLASSES_FILE = "classes.txt"


@dataclasses.dataclass
class VariantResult:
    assignment: str
    grade_id: str
    variant: str    # 文件名, 如 bug_missing_bos.py; 参考解答记为 notebook 的文件名
    kind: str       # "alt" | "bug" | "reference"
    tests: dict     # {测试单元 grade_id: CellRun}
    verdict: bool   # 是否符合预期
    reason: str
    bug_class: str | None = None  # bug 的类别 (第一行 `# bug[<类别>]:`)


def _verified(run: CellRun, key: list[dict]) -> CellRun:
    """内核里没失败的单元, 再在内核之外用答案键核对一遍。"""
    if not run.ok:
        return run
    problem = verify_cell(key, run.records)
    return run if problem is None else CellRun(False, problem, run.records)


def variant_files(assignment: str, grade_id: str) -> list[Path]:
    folder = VARIANTS_DIR / assignment / grade_id
    return sorted(folder.glob("alt_*.py")) + sorted(folder.glob("bug_*.py")) if folder.is_dir() else []


def bug_class(path: Path) -> str | None:
    """bug 文件第一行 `# bug[<类别>]: 说明` 里的类别; 格式不对时返回 None。"""
    lines = path.read_text(encoding="utf-8").splitlines()[:1]
    m = BUG_HEADER.match(lines[0]) if lines else None
    return m.group(1) if m else None


def applicable_classes(assignment: str, grade_id: str) -> list[str] | None:
    """classes.txt 里列出的类别 (忽略空行和 # 注释); 没有这个文件时返回 None。"""
    path = VARIANTS_DIR / assignment / grade_id / CLASSES_FILE
    if not path.is_file():
        return None
    lines = (line.split("#", 1)[0].strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line]


def _prepare_student_kernel(cwd: Path, cells: list[dict], out: dict) -> None:
    """学生内核: 模式 student、学生的哈希种子; 先跑全部非测试单元 (在后台线程里, 与参考内核同时)。"""
    try:
        kernel = Kernel(cwd, mode="student", env={"PYTHONHASHSEED": STUDENT_HASHSEED})
    except Exception as exc:  # 内核起不来: 记下原因, 由主线程报告
        out["error"] = f"学生内核启动失败: {exc}"
        return
    out["kernel"] = kernel
    for c in cells:
        if c["kind"] == "test":
            continue
        run = kernel.run(c["source"])
        if not run.ok:
            out["failed"] = (f"<student-mode {c['kind']} {c['grade_id'] or ''}>", run)
            return


def run_notebook_gate(assignment: str, nb_path: Path, progress=None) -> list[VariantResult]:
    cells = notebook_cells(nb_path)
    answers = {c["grade_id"]: c["source"] for c in cells if c["kind"] == "answer"}
    tests = {c["grade_id"]: c["source"] for c in cells if c["kind"] == "test"}
    results: list[VariantResult] = []
    scratch = Path(tempfile.mkdtemp(prefix="gate-"))  # 可写的临时工作目录, 不弄脏 source/
    (scratch / "key").mkdir()
    (scratch / "student").mkdir()
    student: dict = {}
    prep = threading.Thread(target=_prepare_student_kernel, args=(scratch / "student", cells, student), daemon=True)
    prep.start()
    kernel = Kernel(scratch / "key", mode="key", env={"PYTHONHASHSEED": KEY_HASHSEED})
    try:
        # 1) 参考解答: 从头到尾运行, 每个测试单元都必须通过; 记录即答案键
        ref_runs: dict[str, CellRun] = {}
        for c in cells:
            run = kernel.run(c["source"])
            if c["kind"] == "test":
                ref_runs[c["grade_id"]] = run
            elif not run.ok:
                ref_runs[f"<{c['kind']} {c['grade_id'] or ''}>"] = run
        kernel.close()
        prep.join()
        if "error" in student:
            ref_runs["<student kernel>"] = CellRun(False, student["error"])
        if "failed" in student:
            ref_runs[student["failed"][0]] = student["failed"][1]
        bad = {k: v for k, v in ref_runs.items() if not v.ok}
        results.append(VariantResult(assignment, "*", nb_path.name, "reference", ref_runs, not bad,
                                     "参考解答全部通过" if not bad else f"参考解答有失败: {sorted(bad)}"))
        if bad:  # 参考解答都不通过时, 变体的结果说明不了任何事
            return results
        key = {t: r.records for t, r in ref_runs.items()}
        save_key(assignment, nb_path, key)  # 与 make_key 得到的答案键相同, 评分时直接用缓存
        # 2) 变体 (学生内核: 模式 student、另一个哈希种子; 在内核之外核对)
        skernel = student["kernel"]
        for gid, ref_src in answers.items():
            own = {t: src for t, src in tests.items() if t in (f"test_{gid}", f"test_{gid}_hidden")}
            for path in variant_files(assignment, gid):
                kind = "alt" if path.name.startswith("alt_") else "bug"
                runs = {"<definition>": skernel.run(path.read_text(encoding="utf-8"))}
                for tid, src in own.items():
                    runs[tid] = _verified(skernel.run(src), key[tid])
                hidden_failed = any(not r.ok for t, r in runs.items() if t.endswith("_hidden"))
                all_ok = all(r.ok for r in runs.values())
                if kind == "alt":
                    verdict, reason = all_ok, "正确实现全部通过" if all_ok else "正确实现没有拿满分"
                else:
                    verdict = hidden_failed
                    reason = "隐藏测试抓住了这个错误" if verdict else "没有任何隐藏测试失败 —— 测试太弱"
                results.append(VariantResult(assignment, gid, path.name, kind, runs, verdict, reason,
                                             bug_class(path) if kind == "bug" else None))
                if progress:
                    progress(results[-1])
                skernel.run(ref_src)  # 恢复参考解答
    finally:
        kernel.close()
        prep.join()
        if "kernel" in student:
            student["kernel"].close()
        shutil.rmtree(scratch, ignore_errors=True)
    return results


def structure_problems(assignment: str) -> list[str]:
    """每个 grade_id: ≥1 个 alt、≥3 个 bug; bug 第一行是 `# bug[<类别>]: 说明`, 类别已知;
    classes.txt 存在、只列已知类别、含 wrong-math; 列出的每个类别至少一个 bug, bug 的类别都列在里面;
    测试单元齐全。"""
    problems = []
    known = ", ".join(BUG_CLASSES)
    for nb_path in sorted((SOURCE_DIR / assignment).glob("*.ipynb")):
        cells = notebook_cells(nb_path)
        tests = {c["grade_id"] for c in cells if c["kind"] == "test"}
        for gid in [c["grade_id"] for c in cells if c["kind"] == "answer"]:
            files = variant_files(assignment, gid)
            alts = [p for p in files if p.name.startswith("alt_")]
            bugs = [p for p in files if p.name.startswith("bug_")]
            if not alts:
                problems.append(f"{assignment}/{gid}: 没有 alt_*.py")
            if len(bugs) < 3:
                problems.append(f"{assignment}/{gid}: 只有 {len(bugs)} 个 bug_*.py (至少 3 个)")
            classes_of = {}
            for b in bugs:
                cls = bug_class(b)
                rel = b.relative_to(COURSE_ROOT) if b.is_relative_to(COURSE_ROOT) else b
                if cls is None:
                    problems.append(f"{rel}: 第一行必须是 '# bug[<类别>]: 说明', 类别是 {known} 之一")
                elif cls not in BUG_CLASSES:
                    problems.append(f"{rel}: 未知的类别 {cls!r} (可用: {known})")
                else:
                    classes_of[b.name] = cls
            applicable = applicable_classes(assignment, gid)
            if applicable is None:
                problems.append(f"{assignment}/{gid}: 缺少 {CLASSES_FILE} (适用的错误类别, 一行一个)")
                applicable = []
            else:
                for cls in applicable:
                    if cls not in BUG_CLASSES:
                        problems.append(f"{assignment}/{gid}/{CLASSES_FILE}: 未知的类别 {cls!r} (可用: {known})")
                if "wrong-math" not in applicable:
                    problems.append(f"{assignment}/{gid}/{CLASSES_FILE}: wrong-math 总是适用, 必须列出")
            present = set(classes_of.values())
            for cls in applicable:
                if cls in BUG_CLASSES and cls not in present:
                    problems.append(f"{assignment}/{gid}: 类别 {cls} 适用 (列在 {CLASSES_FILE} 里), 但没有这一类的 bug")
            for name, cls in sorted(classes_of.items()):
                if applicable and cls not in applicable:
                    problems.append(f"{assignment}/{gid}/{name}: 类别 {cls} 没有列在 {CLASSES_FILE} 里 (适用就列上)")
            for t in (f"test_{gid}", f"test_{gid}_hidden"):
                if t not in tests:
                    problems.append(f"{assignment}/{gid}: 缺少测试单元 {t}")
    return problems


def coverage(assignment: str, results: list[VariantResult] | None = None) -> list[tuple[str, list[str]]]:
    """类别覆盖: [(grade_id, 每个类别一格)]。一格是 bug 个数 (有闸门结果时写 "抓住数/个数", 全抓住时只写个数),
    '-' 表示不适用 (classes.txt 没列、也没有这一类的 bug), '!' 表示适用但没有 bug。"""
    caught = {(r.grade_id, r.variant): r.verdict for r in results or [] if r.kind == "bug"}
    rows = []
    for nb_path in sorted((SOURCE_DIR / assignment).glob("*.ipynb")):
        for gid in [c["grade_id"] for c in notebook_cells(nb_path) if c["kind"] == "answer"]:
            applicable = set(applicable_classes(assignment, gid) or [])
            bugs = [p for p in variant_files(assignment, gid) if p.name.startswith("bug_")]
            cells = []
            for cls in BUG_CLASSES:
                mine = [p for p in bugs if bug_class(p) == cls]
                if not mine:
                    cells.append("!" if cls in applicable else "-")
                    continue
                n_caught = sum(caught.get((gid, p.name), True) for p in mine)
                cells.append(str(len(mine)) if n_caught == len(mine) else f"{n_caught}/{len(mine)}")
            rows.append((gid, cells))
    return rows


def format_coverage(assignment: str, results: list[VariantResult] | None = None) -> str:
    rows = coverage(assignment, results)
    width = max([len("grade_id")] + [len(g) for g, _ in rows]) + 2
    lines = [f"类别覆盖 {assignment} (数字: bug 个数, 有没抓住的写成 抓住/总数; '-' 不适用; '!' 适用但缺 bug):",
             "grade_id".ljust(width) + " ".join(BUG_CLASSES)]
    for gid, cells in rows:
        lines.append(gid.ljust(width) + " ".join(c.ljust(len(cls)) for c, cls in zip(cells, BUG_CLASSES)).rstrip())
    return "\n".join(lines)


def run_gate(assignment: str, progress=None) -> list[VariantResult]:
    results = []
    for nb_path in sorted((SOURCE_DIR / assignment).glob("*.ipynb")):
        results.extend(run_notebook_gate(assignment, nb_path, progress))
    return results


def main(argv: list[str]) -> int:
    assignments = argv or sorted(p.name for p in SOURCE_DIR.glob("week*") if p.is_dir())
    failed = 0
    for a in assignments:
        for p in structure_problems(a):
            print(f"[FAIL] {p}")
            failed += 1
        results = run_gate(a)
        for r in results:
            mark = "OK  " if r.verdict else "FAIL"
            cls = f" [{r.bug_class}]" if r.bug_class else ""
            print(f"[{mark}] {a}/{r.grade_id}/{r.variant}{cls}: {r.reason}")
            if not r.verdict or r.kind == "bug":
                for tid, run in r.tests.items():
                    if not run.ok:
                        print(f"         {tid}: {run.detail.splitlines()[0][:200] if run.detail else ''}")
            failed += not r.verdict
        print(format_coverage(a, results))
    print(f"闸门结果: {'全部符合预期' if not failed else f'{failed} 项不符合预期'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
