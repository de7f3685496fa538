"""notebook 的时间与峰值内存, 以及一名学生整门课的自动评分时间。

预算 (DESIGN.md): 每个 source notebook 从头到尾 ≤ 120 s, 评分模式 (NBGRADER_EXECUTION=autograde)
≤ 30 s; 一名学生整门课的自动评分 ≤ 3 min; 任何 notebook 的峰值内存 ≤ 2 GB。
内存是内核进程 (含子进程) 的常驻内存 (RSS), 每 0.05 s 采样一次取最大值。

Example:
    $ python -m bench.notebooks            # 全部
    $ python -m bench.notebooks --skip-autograde
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results" / "notebooks.json"
OUTPUTS = ROOT / "bench" / "results" / "outputs"  # 正常模式打印的文字, 每周一个 .txt
BUDGET = {"normal_s": 120, "autograde_s": 30, "student_s": 180, "peak_mb": 2048}


class PeakRSS:
    """后台线程采样一个进程树的 RSS 峰值 (MB)。"""

    def __init__(self, pid: int):
        self.proc, self.peak, self._stop = psutil.Process(pid), 0.0, threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def _loop(self):
        while not self._stop.is_set():
            try:
                procs = [self.proc, *self.proc.children(recursive=True)]
                self.peak = max(self.peak, sum(p.memory_info().rss for p in procs) / 2**20)
            except psutil.Error:
                pass
            time.sleep(0.05)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


def run_notebook(path: Path, autograde: bool) -> dict:
    """用 nbclient 在新内核里从头到尾运行一个 notebook, 返回耗时与峰值内存。"""
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    env_before = os.environ.get("NBGRADER_EXECUTION")
    if autograde:
        os.environ["NBGRADER_EXECUTION"] = "autograde"
    else:
        os.environ.pop("NBGRADER_EXECUTION", None)
    try:
        with tempfile.TemporaryDirectory() as scratch:
            client = NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": scratch}})
            start = time.perf_counter()
            with client.setup_kernel(stderr=subprocess.DEVNULL):  # 内核自己的日志不要
                with PeakRSS(client.km.provisioner.process.pid) as peak:
                    for i, cell in enumerate(nb.cells):
                        client.execute_cell(cell, i)
            elapsed = time.perf_counter() - start
    finally:
        if env_before is None:
            os.environ.pop("NBGRADER_EXECUTION", None)
        else:
            os.environ["NBGRADER_EXECUTION"] = env_before
    stderr = sum(1 for c in nb.cells if c.cell_type == "code"
                 for o in c.get("outputs", []) if o.get("name") == "stderr")
    return {"seconds": round(elapsed, 1), "peak_mb": round(peak.peak), "stderr_outputs": stderr,
            "printed": printed_text(nb)}


_PROGRESS = re.compile(r"\r|it/s|s/it|\d+%\|")  # tqdm 进度条的行


def printed_text(nb) -> str:
    """notebook 打印的文字 (stdout 与文本结果), 每个代码单元前标 "# [单元 i]"; 进度条的行去掉。

    一个单元里相邻的 stdout 片段先拼起来再分行 (内核可能把一次 print 分成几块发过来)。
    这是 prose 里数字的 "测得的来源" 之一 (tests/test_claims.py 读 bench/results/outputs/*.txt)。
    """
    parts = []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        texts, stream = [], ""
        for out in cell.get("outputs", []):
            if out.get("output_type") == "stream" and out.get("name") == "stdout":
                stream += out.get("text", "")
                continue
            if stream:
                texts.append(stream)
                stream = ""
            if out.get("output_type") in ("execute_result", "display_data"):
                texts.append(out.get("data", {}).get("text/plain", ""))
        texts.append(stream)
        lines = [ln for t in texts for ln in t.splitlines() if ln.strip() and not _PROGRESS.search(ln)]
        if lines:
            parts.append(f"# [单元 {i}]\n" + "\n".join(lines))
    return "\n".join(parts) + "\n"


def autograde_one_student() -> dict:
    """在临时目录里用真实的 nbgrader 给 perfect 学生评整门课, 计时。"""
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        shutil.copy(ROOT / "nbgrader_config.py", work)
        shutil.copytree(ROOT / "source", work / "source")
        env = dict(os.environ, COURSE_WORKDIR=str(work), PATH=f"{Path(sys.executable).parent}:{os.environ['PATH']}")
        env.pop("COURSE_DB_URL", None)
        for args in (["release"], ["demo-students"]):
            subprocess.run([sys.executable, "-m", "course", *args], cwd=work, env=env, check=True,
                           capture_output=True)
        for other in (work / "submitted").iterdir():
            if other.name != "perfect":
                shutil.rmtree(other)
        start = time.perf_counter()
        peak = 0.0
        nbg = Path(sys.executable).with_name("nbgrader")
        for week in sorted(p.name for p in (work / "source").glob("week*")):
            proc = subprocess.Popen([str(nbg), "autograde", week, "--force"], cwd=work, env=env,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            with PeakRSS(proc.pid) as p:
                proc.wait()
            peak = max(peak, p.peak)
        return {"seconds": round(time.perf_counter() - start, 1), "peak_mb": round(peak)}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-autograde", action="store_true", help="不测一名学生的整门课评分")
    parser.add_argument("--only", nargs="*", default=None, help="只跑这些周 (例如 week05_transformer); 其余行保留")
    args = parser.parse_args(argv)
    old = json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.is_file() else {}
    rows = []
    OUTPUTS.mkdir(parents=True, exist_ok=True)
    for path in sorted((ROOT / "source").glob("week*/*.ipynb")):
        if args.only and path.parent.name not in args.only:
            rows += [r for r in old.get("notebooks", []) if r["notebook"].startswith(path.parent.name + "/")]
            continue
        for mode in ("normal", "autograde"):
            r = run_notebook(path, autograde=(mode == "autograde"))
            printed = r.pop("printed")
            if mode == "normal":
                (OUTPUTS / f"{path.parent.name}.txt").write_text(printed, encoding="utf-8")
            rows.append({"notebook": f"{path.parent.name}/{path.name}", "mode": mode, **r})
            print(f"{rows[-1]['notebook']:<32} {mode:<10} {r['seconds']:>7.1f} s  {r['peak_mb']:>6} MB", flush=True)
    if args.only:
        args.skip_autograde = True
    student = old.get("one_student_autograde") if args.skip_autograde else autograde_one_student()
    if student:
        print(f"{'一名学生整门课 (nbgrader autograde)':<32} {'':<10} {student['seconds']:>7.1f} s  "
              f"{student['peak_mb']:>6} MB")
    result = {"machine": f"{platform.machine()}, {os.cpu_count()} CPU, {platform.python_version()}",
              "budget": BUDGET, "notebooks": rows, "one_student_autograde": student}
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"\n写入 {RESULTS.relative_to(ROOT)}")
    over = [r for r in rows if r["seconds"] > BUDGET[f"{r['mode']}_s"] or r["peak_mb"] > BUDGET["peak_mb"]]
    if student and student["seconds"] > BUDGET["student_s"]:
        over.append("one student")
    print("超出预算: " + ", ".join(map(str, over)) if over else "全部在预算之内")
    return 0


if __name__ == "__main__":
    sys.exit(main())
