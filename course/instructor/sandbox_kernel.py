"""沙箱里的 IPython 内核: 中断升级 (interrupt escalation), 让忽略 SIGINT 的死循环也能被打断。

评分时一个单元超时, nbclient 会中断内核 (interrupt); 普通内核收到的是 SIGINT, 学生代码若写了
`signal.signal(signal.SIGINT, signal.SIG_IGN)` 再死循环, 中断就无效, 整份 notebook 评分失败 (其他
单元的分也拿不到)。本内核的规格用 `interrupt_mode: "message"`: 中断请求走控制通道 (control channel,
在另一个线程里处理), 先照常发 SIGINT; 若 GRACE_S 秒后同一个单元还在运行, 就用
`PyThreadState_SetAsyncExc` 在执行单元的线程里抛出 KeyboardInterrupt (最多 TRIES 次)。
这样那个单元以 KeyboardInterrupt 结束, 后面的单元照常执行、照常计分。

只防 "忽略信号"; 捕获 BaseException 的死循环仍会让该 notebook 超时失败 (评分报告里写明原因)。

Example (sandbox.main 用它代替 ipykernel_launcher):
    $ python -m course.instructor.sandbox_kernel -f /tmp/work/.kernel.json
"""
from __future__ import annotations

import ctypes
import sys
import threading
import time
from pathlib import Path

from ipykernel.ipkernel import IPythonKernel

GRACE_S = 0.5   # SIGINT 之后等多久再升级; 要比 nbclient 的 iopub_timeout (4 s) 短得多
TRIES = 5


class EscalatingKernel(IPythonKernel):
    """interrupt_request 之后, 单元仍在运行就在它的线程里抛 KeyboardInterrupt。"""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._running: tuple[int, object] | None = None  # (执行单元的线程, 这次执行的标记)
        self._lock = threading.Lock()
        self.shell.events.register("pre_run_cell", self._on_pre_run_cell)
        self.shell.events.register("post_run_cell", self._on_post_run_cell)

    def _on_pre_run_cell(self, info) -> None:
        with self._lock:
            self._running = (threading.get_ident(), object())

    def _on_post_run_cell(self, result) -> None:
        with self._lock:
            self._running = None

    async def interrupt_request(self, stream, ident, parent):
        running = self._running
        await super().interrupt_request(stream, ident, parent)  # 先照常发 SIGINT
        if running is not None:
            threading.Thread(target=self._escalate, args=(running,), daemon=True).start()

    def _escalate(self, running: tuple[int, object]) -> None:
        for _ in range(TRIES):
            time.sleep(GRACE_S)
            with self._lock:  # 持锁检查并投递: 单元在这期间不会走到 post_run_cell
                if self._running is not running:
                    return
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(running[0]),
                                                           ctypes.py_object(KeyboardInterrupt))


def main() -> None:
    if sys.path and (sys.path[0] == "" or Path(sys.path[0]) == Path.cwd()):
        del sys.path[0]  # 与 ipykernel_launcher 一样: 工作目录不进 sys.path (IPython 之后会加回)
    from ipykernel.kernelapp import IPKernelApp

    IPKernelApp.launch_instance(kernel_class=EscalatingKernel)


if __name__ == "__main__":
    main()
