"""每个 notebook 的数字与机器忙不忙无关 (issue 15): 同一个 notebook 跑两遍, 一遍安静, 一遍旁边有
占满所有核的进程 (CPU hog), 打印出来的数字必须逐字相同。

训练按步数 (或词元数) 预算, 线程数由 course.device.set_cpu_threads 固定, 所以忙的机器只会更慢,
不会算出不同的数。用时只打印在以 "⏱" 开头的行上, 这些行不比较; 安全网 ("⚠ 警告") 一旦触发就失败。
两遍都用评分模式 (NBGRADER_EXECUTION=autograde): 代码路径与正常模式相同, 只是步数少, 测试才跑得完;
正常模式的数字由 python -m bench.notebooks 记录在 bench/results/outputs/ (见 tests/test_claims.py)。
测试只管它自己启动的进程: hog 是它的子进程, 结束时杀掉。
"""
from __future__ import annotations

import multiprocessing as mp
import os
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "source").glob("week*/*.ipynb"))


def _spin(stop):
    x = 0
    while not stop.is_set():
        for _ in range(100_000):
            x = (x * 1103515245 + 12345) & 0x7FFFFFFF


class CpuHog:
    """每个核一个忙循环的子进程 (同样的优先级), 退出时全部结束。"""

    def __init__(self, n: int | None = None):
        self.n = n or os.cpu_count() or 2
        ctx = mp.get_context("fork")
        self.stop = ctx.Event()
        self.procs = [ctx.Process(target=_spin, args=(self.stop,), daemon=True) for _ in range(self.n)]

    def __enter__(self):
        for p in self.procs:
            p.start()
        time.sleep(0.5)
        return self

    def __exit__(self, *exc):
        self.stop.set()
        for p in self.procs:
            p.join(5)
            if p.is_alive():
                p.kill()
                p.join()


def _printed(path: Path) -> list[str]:
    sys.path.insert(0, str(ROOT))
    from bench.notebooks import run_notebook

    r = run_notebook(path, autograde=True)
    return [ln for ln in r["printed"].splitlines() if not ln.lstrip().startswith("⏱")]


def test_hog_really_loads_the_machine():
    """hog 确实占住了 CPU: 同一段纯 Python 计算在它旁边明显变慢。"""
    def work():
        t = time.perf_counter()
        _ = sum(i * i for i in range(3_000_000))
        return time.perf_counter() - t

    quiet = min(work() for _ in range(2))
    with CpuHog(n=2 * (os.cpu_count() or 2)):
        loaded = min(work() for _ in range(2))
    assert loaded > 1.3 * quiet, (quiet, loaded)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.parent.name)
def test_printed_numbers_do_not_depend_on_load(path):
    quiet = _printed(path)
    with CpuHog():
        loaded = _printed(path)
    warnings = [ln for ln in quiet + loaded if "⚠" in ln]
    assert not warnings, "安全网触发了 (训练没有按步数跑完):\n" + "\n".join(warnings)
    diff = [f"安静: {a!r}\n忙碌: {b!r}" for a, b in zip(quiet, loaded) if a != b]
    assert len(quiet) == len(loaded) and not diff, \
        f"{path.parent.name}: 机器忙时打印的数字不同 (用时请打印在以 ⏱ 开头的行上):\n" + "\n".join(diff[:10])
