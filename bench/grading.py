"""评分吞吐量 (grading throughput): 一个班的合成提交, 我们的并行评分 vs. 普通的顺序 `nbgrader autograde`。

同一台机器、同一份作业 (默认 week01_text)、同一批学生 (perfect / alt / buggy / blank 轮流复制成 N 名):
- 基线 (baseline): 一条 `nbgrader autograde <作业> --force`, nbgrader 自己一个接一个地评全班,
  普通内核, 检查在内核里做 (与原版 nbgrader 一样), 不生成反馈;
- 我们 (ours): `python -m course grade --workers W`, 沙箱内核 (可用时)、内核外核对、篡改扫描,
  并且每个学生还生成反馈 —— 做的事情比基线多。
报告每分钟评完的学生数与二者之比 (ours / baseline)。

Example:
    $ python -m bench.grading --students 12 --workers 2
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from course.grading import COURSE_ROOT, SOURCE_DIR

RESULTS = Path(__file__).resolve().parent / "results"


def _env(workdir: Path) -> dict:
    env = dict(os.environ, COURSE_WORKDIR=str(workdir), PATH=f"{Path(sys.executable).parent}:{os.environ['PATH']}")
    env.pop("COURSE_DB_URL", None)
    return env


def _course(workdir: Path, *args: str) -> subprocess.CompletedProcess:
    proc = subprocess.run([sys.executable, "-m", "course", *args], cwd=workdir, env=_env(workdir),
                          capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(proc.stdout[-2000:] + proc.stderr[-2000:])
    return proc


def make_class(workdir: Path, assignment: str, students: int) -> None:
    """在 workdir 里生成学生版, 再把四个演示学生轮流复制成 students 名。"""
    shutil.copy(COURSE_ROOT / "nbgrader_config.py", workdir)
    (workdir / "source").mkdir()
    shutil.copytree(SOURCE_DIR / assignment, workdir / "source" / assignment)
    shutil.copy(SOURCE_DIR / "header.ipynb", workdir / "source")
    _course(workdir, "release")
    _course(workdir, "demo-students")
    demo = ["perfect", "alt", "buggy", "blank"]
    sub = workdir / "submitted"
    for i in range(students):
        shutil.copytree(sub / demo[i % 4], sub / f"student{i:03d}")
    for d in demo:
        shutil.rmtree(sub / d)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.grading")
    parser.add_argument("--assignment", default="week01_text")
    parser.add_argument("--students", type=int, default=12)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args(argv)

    root = Path(tempfile.mkdtemp(prefix="bench-grading-"))
    try:
        base, ours = root / "baseline", root / "ours"
        base.mkdir()
        make_class(base, args.assignment, args.students)
        shutil.copytree(base, ours)
        nbgrader = Path(sys.executable).parent / "nbgrader"
        env = dict(_env(base), COURSE_SANDBOX_ACTIVE="0")
        t = time.perf_counter()
        subprocess.run([str(nbgrader), "autograde", args.assignment, "--force"], cwd=base, env=env,
                       capture_output=True, text=True, check=True)
        base_s = time.perf_counter() - t
        t = time.perf_counter()
        proc = _course(ours, "grade", "--workers", str(args.workers))
        ours_s = time.perf_counter() - t
        report = json.loads((ours / "grading-report.json").read_text(encoding="utf-8"))
    finally:
        shutil.rmtree(root, ignore_errors=True)
    n = args.students
    result = {
        "assignment": args.assignment, "students": n, "workers": args.workers, "cpus": os.cpu_count(),
        "sandboxed": report["sandboxed"],
        "baseline": {"seconds": round(base_s, 1), "students_per_min": round(n / base_s * 60, 2)},
        "ours": {"seconds": round(ours_s, 1), "students_per_min": round(n / ours_s * 60, 2)},
    }
    result["ratio"] = round(result["ours"]["students_per_min"] / result["baseline"]["students_per_min"], 2)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "grading.json").write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{n} 名学生 ({args.assignment}): 顺序 nbgrader autograde {base_s:.1f} s "
          f"({result['baseline']['students_per_min']} 名/分钟); 我们 {args.workers} 个工作进程 "
          f"{'沙箱' if report['sandboxed'] else '无沙箱'} + 反馈 {ours_s:.1f} s "
          f"({result['ours']['students_per_min']} 名/分钟); 比值 {result['ratio']}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
