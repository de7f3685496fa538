"""测试共用的夹具 (fixtures)。测试从不写入仓库目录 (用 tmp_path), 也不需要网络。

评分用的沙箱槽位 (系统用户、IPC 目录、cgroup) 放在这次测试自己的命名空间 COURSE_SANDBOX_NS 里,
结束时删掉: 同一台机器上另一套评分 (或另一次测试) 用它自己的槽位, 互不干扰。
"""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

os.environ.setdefault("MPLBACKEND", "Agg")
os.environ.setdefault("COURSE_SANDBOX_NS", f"p{os.getpid() % 100000}")


@pytest.fixture(scope="session", autouse=True)
def _own_sandbox_namespace():
    yield
    if sys.platform.startswith("linux") and os.geteuid() == 0:
        subprocess.run([sys.executable, "-c", "from course.instructor import sandbox; sandbox.remove_namespace()"],
                       capture_output=True, timeout=120)
