"""评分闸门 (grading gate): 测试的测试。

对每个 grade_id, `tests/variants/<作业>/<grade_id>/` 里:
- `alt_*.py` 是写法不同但正确的实现 —— 它的可见测试和隐藏测试都必须通过;
- `bug_*.py` 是真实的学生错误 (第一行 `# bug: 说明`) —— 至少一个隐藏测试必须失败。

做法: 每个 source notebook 开一个内核, 先按顺序运行全部单元 (参考解答必须全部通过; 模式 key,
同时得到答案键), 然后切到模式 student (和沙箱评分一样拿不到参考解答), 对每个变体: 执行变体代码
(替换该答案单元) → 重跑该题的测试单元 → 在内核之外用答案键核对记录 (course.instructor.answer_key) → 恢复参考解答。
一个内核跑完一周, 几十个变体只要几十秒; 端到端的真实 nbgrader 评分在 tests/test_pipeline.py。
测试单元中的 stderr 与报错同样算失败 (nbgrader 的 Validate 就是这样判的)。

Example:
    $ python -m course gate week02_ngram
"""
from __future__ import annotations

import dataclasses
import shutil
import sys
import tempfile
from pathlib import Path

from course.grading import COURSE_ROOT, SOURCE_DIR, notebook_cells
from course.instructor.answer_key import save_key, verify_cell
from course.instructor.kernel import CellRun, Kernel
from course.instructor.workdir import VARIANTS_DIR


@dataclasses.dataclass
class VariantResult:
    assignment: str
    grade_id: str
    variant: str    # 文件名, 如 bug_missing_bos.py; 参考解答记为 "reference"
    kind: str       # "alt" | "bug" | "reference"
    tests: dict     # {测试单元 grade_id: CellRun}
    verdict: bool   # 是否符合预期
    reason: str


def _verified(run: CellRun, key: list[dict]) -> CellRun:
    """内核里没失败的单元, 再在内核之外用答案键核对一遍。"""
    if not run.ok:
        return run
    problem = verify_cell(key, run.records)
    return run if problem is None else CellRun(False, problem, run.records)


def variant_files(assignment: str, grade_id: str) -> list[Path]:
    folder = VARIANTS_DIR / assignment / grade_id
    return sorted(folder.glob("alt_*.py")) + sorted(folder.glob("bug_*.py")) if folder.is_dir() else []


def run_notebook_gate(assignment: str, nb_path: Path, progress=None) -> list[VariantResult]:
    cells = notebook_cells(nb_path)
    answers = {c["grade_id"]: c["source"] for c in cells if c["kind"] == "answer"}
    tests = {c["grade_id"]: c["source"] for c in cells if c["kind"] == "test"}
    results: list[VariantResult] = []
    scratch = tempfile.mkdtemp(prefix="gate-")  # 可写的临时工作目录, 不弄脏 source/
    kernel = Kernel(Path(scratch), mode="key")
    try:
        # 1) 参考解答: 从头到尾运行, 每个测试单元都必须通过; 记录即答案键
        ref_runs: dict[str, CellRun] = {}
        for c in cells:
            run = kernel.run(c["source"])
            if c["kind"] == "test":
                ref_runs[c["grade_id"]] = run
            elif not run.ok:
                ref_runs[f"<{c['kind']} {c['grade_id'] or ''}>"] = run
        bad = {k: v for k, v in ref_runs.items() if not v.ok}
        results.append(VariantResult(assignment, "*", nb_path.name, "reference", ref_runs, not bad,
                                     "参考解答全部通过" if not bad else f"参考解答有失败: {sorted(bad)}"))
        if bad:  # 参考解答都不通过时, 变体的结果说明不了任何事
            return results
        key = {t: r.records for t, r in ref_runs.items()}
        save_key(assignment, nb_path, key)  # 与 make_key 得到的答案键相同, 评分时直接用缓存
        kernel.run("import os; os.environ['COURSE_GRADING_MODE'] = 'student'")
        # 2) 变体 (学生模式, 在内核之外核对)
        for gid, ref_src in answers.items():
            own = {t: src for t, src in tests.items() if t in (f"test_{gid}", f"test_{gid}_hidden")}
            for path in variant_files(assignment, gid):
                kind = "alt" if path.name.startswith("alt_") else "bug"
                runs = {"<definition>": kernel.run(path.read_text(encoding="utf-8"))}
                for tid, src in own.items():
                    runs[tid] = _verified(kernel.run(src), key[tid])
                hidden_failed = any(not r.ok for t, r in runs.items() if t.endswith("_hidden"))
                all_ok = all(r.ok for r in runs.values())
                if kind == "alt":
                    verdict, reason = all_ok, "正确实现全部通过" if all_ok else "正确实现没有拿满分"
                else:
                    verdict = hidden_failed
                    reason = "隐藏测试抓住了这个错误" if verdict else "没有任何隐藏测试失败 —— 测试太弱"
                results.append(VariantResult(assignment, gid, path.name, kind, runs, verdict, reason))
                if progress:
                    progress(results[-1])
                kernel.run(ref_src)  # 恢复参考解答
    finally:
        kernel.close()
        shutil.rmtree(scratch, ignore_errors=True)
    return results


def structure_problems(assignment: str) -> list[str]:
    """每个 grade_id 是否有 ≥1 个 alt、≥3 个 bug, bug 第一行是否是 `# bug:` 注释, 测试单元是否齐全。"""
    problems = []
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
            for b in bugs:
                first = b.read_text(encoding="utf-8").splitlines()[:1]
                if not first or not first[0].startswith("# bug:"):
                    problems.append(f"{b.relative_to(COURSE_ROOT)}: 第一行必须是 '# bug: 说明'")
            for t in (f"test_{gid}", f"test_{gid}_hidden"):
                if t not in tests:
                    problems.append(f"{assignment}/{gid}: 缺少测试单元 {t}")
    return problems


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
        for r in run_gate(a):
            mark = "OK  " if r.verdict else "FAIL"
            print(f"[{mark}] {a}/{r.grade_id}/{r.variant}: {r.reason}")
            if not r.verdict or r.kind == "bug":
                for tid, run in r.tests.items():
                    if not run.ok:
                        print(f"         {tid}: {run.detail.splitlines()[0][:200] if run.detail else ''}")
            failed += not r.verdict
    print(f"闸门结果: {'全部符合预期' if not failed else f'{failed} 项不符合预期'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
