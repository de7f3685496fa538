"""每个沙箱槽位一个控制组 (cgroup): CPU、内存、进程数的上限, 评完一份就清空。

cgroup v2 (统一层级, `/sys/fs/cgroup/cgroup.controllers`) 用 `cpu.max`、`memory.max`、`pids.max`、
`cgroup.kill`; 只有 v1 的机器 (常见于容器) 用 `cpu.cfs_quota_us`、`memory.limit_in_bytes`、`pids.max`,
逐个杀掉 `cgroup.procs` 里的进程。两者都没有或不可写时 `available()` 说明原因, 沙箱照常工作,
只是没有这三道上限 (评分报告里写明)。

不负责: 命名空间与文件系统 (sandbox.py)。

Example:
    >>> from course.instructor import cgroups
    >>> cg = cgroups.SlotCgroup("course-sandbox/slot-0")   # doctest: +SKIP
    >>> cg.create(cpus=1.0, memory_mb=4096, pids=256); cg.attach(0); cg.kill_all()   # doctest: +SKIP
"""
from __future__ import annotations

import os
import signal
import time
from pathlib import Path

ROOT = Path("/sys/fs/cgroup")
V1_CONTROLLERS = ("cpu", "memory", "pids")


def version() -> int:
    """2 = 统一层级里有 cpu/memory/pids 且可写; 1 = v1 三个控制器都挂着; 0 = 没有可用的 cgroup。"""
    ctrl = ROOT / "cgroup.controllers"
    if ctrl.is_file() and {"cpu", "memory", "pids"} <= set(ctrl.read_text().split()) and os.access(ROOT, os.W_OK):
        return 2
    if all((ROOT / c / "cgroup.procs").is_file() and os.access(ROOT / c, os.W_OK) for c in V1_CONTROLLERS):
        return 1
    return 0


def available() -> tuple[bool, str]:
    if version():
        return True, ""
    return False, "没有可写的 cgroup (v2 的 cpu/memory/pids 或 v1 的三个控制器): 槽位没有 CPU/内存/进程数上限"


class SlotCgroup:
    """一个槽位的控制组; name 是相对路径, 例如 'course-sandbox/slot-0'。"""

    def __init__(self, name: str):
        self.name = name
        self.version = version()

    def dirs(self) -> list[Path]:
        if self.version == 2:
            return [ROOT / self.name]
        if self.version == 1:
            return [ROOT / c / self.name for c in V1_CONTROLLERS]
        return []

    def create(self, *, cpus: float, memory_mb: int, pids: int) -> None:
        """建好 (幂等) 并写入上限。"""
        if self.version == 2:
            parts = Path(self.name).parts
            for i in range(len(parts)):  # 每一层都要把控制器交给下一层
                parent = ROOT.joinpath(*parts[:i])
                parent.joinpath(parts[i]).mkdir(exist_ok=True)
                ctl = parent / "cgroup.subtree_control"
                try:
                    ctl.write_text("+cpu +memory +pids")
                except OSError:
                    pass  # 已经打开, 或这一层不允许 (根上的进程); 写上限时会报出真正的问题
            d = ROOT / self.name
            (d / "cpu.max").write_text(f"{int(cpus * 100_000)} 100000")
            (d / "memory.max").write_text(str(memory_mb * 1024 ** 2))
            (d / "pids.max").write_text(str(pids))
        elif self.version == 1:
            for d in self.dirs():
                d.mkdir(parents=True, exist_ok=True)
            cpu, mem, pid = self.dirs()
            (cpu / "cpu.cfs_period_us").write_text("100000")
            (cpu / "cpu.cfs_quota_us").write_text(str(int(cpus * 100_000)))
            (mem / "memory.limit_in_bytes").write_text(str(memory_mb * 1024 ** 2))
            (pid / "pids.max").write_text(str(pids))

    def attach(self, pid: int = 0) -> None:
        """把进程 (0 = 调用者自己) 放进这个控制组; 它之后的子进程都在里面。"""
        for d in self.dirs():
            (d / "cgroup.procs").write_text(str(pid))

    def procs(self) -> list[int]:
        out: set[int] = set()
        for d in self.dirs():
            try:
                out |= {int(p) for p in (d / "cgroup.procs").read_text().split()}
            except OSError:
                pass
        return sorted(out)

    def kill_all(self, timeout: float = 5.0) -> list[int]:
        """杀掉组里的全部进程, 等它们消失; 返回杀不掉的 (应为空)。"""
        if self.version == 2 and (ROOT / self.name / "cgroup.kill").exists():
            (ROOT / self.name / "cgroup.kill").write_text("1")
        deadline = time.monotonic() + timeout
        while True:
            left = self.procs()
            if not left or time.monotonic() > deadline:
                return left
            for pid in left:
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            time.sleep(0.05)

    def remove(self) -> None:
        """删掉控制组 (必须已经空了)。"""
        for d in self.dirs():
            for sub in sorted(d.glob("**/"), key=lambda p: -len(p.parts)):
                try:
                    sub.rmdir()
                except OSError:
                    pass
