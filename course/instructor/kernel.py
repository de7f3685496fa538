"""闸门与答案键用的 IPython 内核 (讲师一侧, 可信): 逐段执行代码, 收集报错、stderr 与检查记录。

Example:
    >>> k = Kernel(Path("/tmp"), mode="key")   # doctest: +SKIP
    >>> k.run("1 + 1").ok                        # doctest: +SKIP
    True
"""
from __future__ import annotations

import dataclasses
import os
import queue
import subprocess
from pathlib import Path

from course.grading import CHECK_MIME, COURSE_ROOT

CELL_TIMEOUT = 120  # 秒; 闸门里一个单元的上限
# 答案键与评学生用不同的 PYTHONHASHSEED: 依赖 set/dict 迭代顺序 (字符串的哈希) 的答案在两边不一样,
# 会被答案键比较抓住。答案键 (answer_key.make_key、闸门的参考解答) 用 KEY_HASHSEED,
# 评学生 (闸门的变体、沙箱评分) 用 STUDENT_HASHSEED。
KEY_HASHSEED = "0"
STUDENT_HASHSEED = "1"


@dataclasses.dataclass
class CellRun:
    ok: bool        # 没有报错, 也没有 stderr
    detail: str     # 失败时的说明 (报错的最后一行或 stderr)
    records: list = dataclasses.field(default_factory=list)  # 检查记录 (key/student 模式)


class Kernel:
    """一个 IPython 内核, 逐段执行代码并收集报错与 stderr。"""

    def __init__(self, cwd: Path, mode: str = "", env: dict[str, str] | None = None):
        """mode: COURSE_GRADING_MODE; env: 额外的环境变量 (例如 {"PYTHONHASHSEED": STUDENT_HASHSEED})。"""
        from jupyter_client.manager import KernelManager

        # PYTHONPATH: 内核 import 这个仓库的 course/ (参考解答、答案键都出自这里), 不是可编辑安装指向的另一份副本
        path = os.pathsep.join(filter(None, [str(COURSE_ROOT), os.environ.get("PYTHONPATH")]))
        env = {**os.environ, "NBGRADER_EXECUTION": "autograde", "COURSE_GRADING_MODE": mode,
               "MPLBACKEND": "module://matplotlib_inline.backend_inline",  # 与 Jupyter 里一样的后端
               "PYTHONPATH": path, "COURSE_EXPECT_ROOT": str(COURSE_ROOT), **(env or {})}
        self.km = KernelManager(kernel_name="python3")
        self.km.start_kernel(cwd=str(cwd), env=env, extra_arguments=["--InteractiveShell.xmode=Minimal"],
                              stderr=subprocess.DEVNULL)  # 内核自己的日志 (TCP 未加密提示等) 不要
        self.kc = self.km.client()
        self.kc.start_channels()
        self.kc.wait_for_ready(timeout=60)

    def run(self, code: str) -> CellRun:
        problems: list[str] = []
        records: list[dict] = []

        def hook(msg):
            t, c = msg["msg_type"], msg["content"]
            if t == "display_data" and CHECK_MIME in c.get("data", {}):
                records.append(c["data"][CHECK_MIME])
            elif t == "stream" and c.get("name") == "stderr":
                problems.append("stderr: " + c["text"].strip()[:500])
            elif t == "error":
                problems.append(f"{c['ename']}: {c['evalue']}"[:800])

        try:
            reply = self.kc.execute_interactive(code, output_hook=hook, timeout=CELL_TIMEOUT,
                                                allow_stdin=False)
        except (TimeoutError, queue.Empty):
            self.km.interrupt_kernel()
            return CellRun(False, f"超时 (> {CELL_TIMEOUT} s)", records)
        if reply["content"]["status"] != "ok" and not problems:
            problems.append(f"status={reply['content']['status']}")
        return CellRun(not problems, " | ".join(problems), records)

    def close(self):
        """关掉内核; 可以重复调用。"""
        if getattr(self, "_closed", False):
            return
        self._closed = True
        self.kc.stop_channels()
        self.km.shutdown_kernel(now=True)
