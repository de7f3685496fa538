"""学生看不到讲师一侧的东西 (issue 16): 评分沙箱的内核规格不在学生 JupyterLab 的启动器里。"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from course.instructor import sandbox

JUPYTER = Path(sys.executable).parent / "jupyter"


def _kernels(env: dict) -> set[str]:
    out = subprocess.run([str(JUPYTER), "kernelspec", "list", "--json"], env=env, capture_output=True, text=True,
                         check=True).stdout
    return set(json.loads(out)["kernelspecs"])


def test_grading_kernel_is_invisible_to_students_and_visible_to_the_grader():
    sandbox.install_kernelspec()   # 评分时也会装它 (幂等)
    env = {k: v for k, v in os.environ.items() if k != "JUPYTER_PATH"}
    assert sandbox.KERNEL_NAME not in _kernels(env), "学生的 JupyterLab (make lab) 能看到评分沙箱的内核"
    grading = dict(env, JUPYTER_PATH=str(sandbox.GRADING_JUPYTER_PATH))
    assert sandbox.KERNEL_NAME in _kernels(grading), "评分进程 (nbgrader_config.py 设 JUPYTER_PATH) 找不到沙箱内核"
