"""浏览器端到端测试 (tests/test_browser.py) 用的小工具: 启动 JupyterLab、登录、截图、JupyterLab 的菜单与单元。

只用 Playwright 的同步 API; 浏览器是 Debian 的 chromium (不下载 Playwright 自带的浏览器)。
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

from course.grading import COURSE_ROOT

SCREENSHOTS = COURSE_ROOT / ".cache" / "browser-screenshots"   # git 忽略 (.cache/)


def chromium_path() -> str | None:
    """Debian 的 chromium (make browser 装的); 没有则 None。"""
    return shutil.which("chromium") or shutil.which("chromium-browser")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Lab:
    """一个 JupyterLab 服务器 (子进程), 固定的 token, 日志写到文件。"""

    def __init__(self, name: str, cwd: Path, env: dict, log: Path, token: str, notebook_dir: Path | None = None):
        self.name, self.port, self.token, self.log = name, free_port(), token, log
        args = [str(Path(env["PATH"].split(os.pathsep)[0]) / "jupyter"), "lab", "--no-browser",
                "--ip", "127.0.0.1", f"--port={self.port}", f"--IdentityProvider.token={token}"]
        if notebook_dir is not None:
            args.append(f"--notebook-dir={notebook_dir}")
        if os.geteuid() == 0:
            args.append("--allow-root")
        with open(log, "w") as out:
            self.proc = subprocess.Popen(args, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def wait_ready(self, timeout: float = 180) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise AssertionError(f"{self.name} 的 JupyterLab 退出了:\n{self.log_tail()}")
            try:
                with urllib.request.urlopen(f"{self.url}/api/status?token={self.token}", timeout=5):
                    return
            except OSError:
                time.sleep(0.5)
        raise AssertionError(f"{self.name} 的 JupyterLab {timeout:.0f} s 内没有启动:\n{self.log_tail()}")

    def log_tail(self, n: int = 4000) -> str:
        return self.log.read_text(errors="replace")[-n:] if self.log.exists() else ""

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)


def shot(page, name: str) -> Path:
    """整页截图到 .cache/browser-screenshots/<name>.png (失败时可以打开看)。"""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=False)
    return path


def login(page, lab: Lab) -> None:
    """在 /login 页面的密码框里输入 token 并提交, 与人工登录一样。"""
    page.goto(f"{lab.url}/login")
    field = page.locator("input[type=password]").first
    field.fill(lab.token)
    page.locator("button[type=submit], input[type=submit]").first.click()
    page.wait_for_url(lambda url: "/login" not in url, timeout=60_000)


def menu(page, menu_label: str, command: str) -> None:
    """点顶部菜单栏的一项, 再点其中 data-command 为 command 的菜单项。"""
    page.locator(".lm-MenuBar-itemLabel", has_text=menu_label).first.click()
    page.locator(f"li.lm-Menu-item[data-command='{command}']").first.click()


def notebook_cells(page):
    return page.locator(".jp-NotebookPanel:visible .jp-Notebook .jp-Cell")


def wait_kernel_idle(page, timeout: float = 120_000) -> None:
    """没有正在运行的单元 (提示符不是 [*]), 且内核状态是 Idle。"""
    page.wait_for_function(
        """() => {
            const prompts = [...document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-InputPrompt')];
            if (prompts.some(p => p.textContent.includes('*'))) return false;
            const st = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook-ExecutionIndicator');
            return !st || st.getAttribute('data-status') === null || st.getAttribute('data-status') === 'idle';
        }""", timeout=timeout)


def prompt_number(cell) -> str:
    return (cell.locator(".jp-InputPrompt").first.text_content() or "").strip()
