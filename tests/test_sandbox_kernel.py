"""中断升级内核 (course/sandbox_kernel.py): 忽略 SIGINT 的死循环也能打断, 普通中断不留下多余的 KeyboardInterrupt。

直接用 jupyter_client 启动这个内核 (不进沙箱, 不需要 root), 与评分时的内核规格一样用 interrupt_mode=message;
执行请求带 stop_on_error=False, 与 nbgrader (allow_errors=True) 下的 nbclient 一样。
"""
from __future__ import annotations

import json
import queue
import sys
import time

import pytest
from jupyter_client.manager import KernelManager
from jupyter_client.kernelspec import KernelSpecManager


@pytest.fixture()
def kernel(tmp_path):
    spec_dir = tmp_path / "kernels" / "escalating"
    spec_dir.mkdir(parents=True)
    (spec_dir / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "course.instructor.sandbox_kernel", "-f", "{connection_file}"],
        "display_name": "escalating", "language": "python", "interrupt_mode": "message"}))
    ksm = KernelSpecManager(kernel_dirs=[str(tmp_path / "kernels")])
    km = KernelManager(kernel_name="escalating", kernel_spec_manager=ksm, transport="ipc", ip=str(tmp_path / "k"))
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=60)
    try:
        yield km, kc
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def _reply(kc, msg_id: str, timeout: float) -> dict:
    """等 msg_id 的 execute_reply (跳过 kernel_info_reply 之类)。"""
    deadline = time.monotonic() + timeout
    while True:
        msg = kc.get_shell_msg(timeout=max(0.01, deadline - time.monotonic()))
        if msg["parent_header"].get("msg_id") == msg_id:
            return msg["content"]


def _run(kc, code: str, timeout: float = 30) -> dict:
    return _reply(kc, kc.execute(code, stop_on_error=False), timeout)


def _interrupt_after(km, kc, code: str, wait: float = 1.5) -> tuple[dict, float]:
    msg_id = kc.execute(code, stop_on_error=False)
    time.sleep(wait)
    start = time.monotonic()
    km.interrupt_kernel()
    reply = _reply(kc, msg_id, 20)
    return reply, time.monotonic() - start


def test_loop_that_ignores_sigint_is_interrupted(kernel):
    km, kc = kernel
    reply, took = _interrupt_after(km, kc, "import signal\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\n"
                                           "n = 0\nwhile True:\n    n += 1\n")
    assert reply["status"] == "error" and reply["ename"] == "KeyboardInterrupt", reply
    assert took < 4, f"升级应在 nbclient 的 iopub_timeout (4 s) 之内完成, 用了 {took:.1f} s"
    ok = _run(kc, "assert n > 0\nx = 41 + 1")
    assert ok["status"] == "ok", ok  # 内核还活着, 后面的单元照常执行


def test_ordinary_interrupt_leaves_no_stray_exception(kernel):
    km, kc = kernel
    reply, _ = _interrupt_after(km, kc, "while True:\n    pass\n")
    assert reply["status"] == "error" and reply["ename"] == "KeyboardInterrupt", reply
    # 升级线程还在看; 下一个单元比 GRACE_S * TRIES 运行得更久, 不能收到迟到的 KeyboardInterrupt
    slow = _run(kc, "import time\nfor _ in range(30):\n    time.sleep(0.1)\ny = 1")
    assert slow["status"] == "ok", slow


def test_loop_swallowing_keyboardinterrupt_is_not_stopped(kernel):
    """捕获 BaseException 的死循环挡得住升级 (评分时该 notebook 超时失败, 报告写明原因) —— 记下这个边界。"""
    km, kc = kernel
    msg_id = kc.execute("import signal, time\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\n"
                        "while True:\n    try:\n        time.sleep(0.01)\n    except BaseException:\n        pass\n")
    time.sleep(1.0)
    km.interrupt_kernel()
    with pytest.raises(queue.Empty):  # 没有回复
        _reply(kc, msg_id, 5)
