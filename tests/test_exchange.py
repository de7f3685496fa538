"""一台电脑上的完整流程, 经过 nbgrader 的本地交换目录 (issue 16 第 2 条), 全用真实的 nbgrader 命令:

讲师 release_assignment → 学生 (学生一侧的配置, make lab 用的那份) fetch_assignment → 做题 → validate →
submit → 讲师 collect → `python -m course grade` → release_feedback → 学生 fetch_feedback 读到自己的分数。
学生与讲师是同一个系统用户 (一台笔记本); 交换目录、课程目录、学生工作区都在临时目录里。
"""
from __future__ import annotations

import contextlib
import csv
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from course.grading import COURSE_ROOT
from course.instructor.lab import (COURSE_ID, INSTRUCTOR_LAB_PLUGINS, STUDENT_SERVER_EXTENSIONS,
                                  write_student_config)
from course.instructor.pipeline import demo_answers, fill_answers

WEEK = "week02_ngram"
BIN = Path(sys.executable).parent


def _env(**extra) -> dict:
    env = dict(os.environ, PATH=f"{BIN}{os.pathsep}{os.environ['PATH']}", **extra)
    env.pop("COURSE_DB_URL", None)
    return env


def _run(cmd: list[str], cwd: Path, env: dict, timeout: int = 900) -> subprocess.CompletedProcess:
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert proc.returncode == 0, f"{' '.join(cmd)} 失败:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    return proc


@pytest.fixture(scope="module")
def lifecycle(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("exchange")
    course_dir, exchange, workspace = tmp / "course", tmp / "exchange", tmp / "workspace"
    course_dir.mkdir()
    workspace.mkdir()
    for name in ("nbgrader_config.py", "source"):
        src = COURSE_ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, course_dir / name)
    instructor = _env(COURSE_WORKDIR=str(course_dir), COURSE_EXCHANGE=str(exchange))
    student_cfg = write_student_config(tmp / "lab-student", exchange)
    student = _env(JUPYTER_CONFIG_DIR=str(student_cfg))
    student.pop("COURSE_WORKDIR", None)
    nbgrader = str(BIN / "nbgrader")
    me = subprocess.run(["id", "-un"], capture_output=True, text=True).stdout.strip()

    # 讲师: 生成学生版 (同时登记进成绩库), 发布到交换目录
    _run([sys.executable, "-m", "course", "release", WEEK], course_dir, instructor)
    _run([nbgrader, "release_assignment", WEEK], course_dir, instructor)
    # 学生: 列出、取回、做题 (满分答案)、validate、提交
    listed = _run([nbgrader, "list"], workspace, student)
    fetched = workspace / COURSE_ID / WEEK
    _run([nbgrader, "fetch_assignment", WEEK], workspace, student)
    nb_path = next(fetched.glob("*.ipynb"))
    source_nb = json.loads(next((course_dir / "source" / WEEK).glob("*.ipynb")).read_text(encoding="utf-8"))
    nb = fill_answers(json.loads(nb_path.read_text(encoding="utf-8")), demo_answers("perfect", source_nb, WEEK))
    nb_path.write_text(json.dumps(nb, ensure_ascii=False, indent=1), encoding="utf-8")
    validated = _run([nbgrader, "validate", str(nb_path)], workspace, student)
    _run([nbgrader, "submit", WEEK], workspace, student)
    # 讲师: 收集、评分 (沙箱、答案键、反馈)、发回反馈
    _run([nbgrader, "collect", WEEK], course_dir, instructor)
    graded = _run([sys.executable, "-m", "course", "grade", "--assignment", WEEK], course_dir, instructor, 1500)
    _run([nbgrader, "release_feedback", WEEK], course_dir, instructor)
    # 学生: 取回反馈
    _run([nbgrader, "fetch_feedback", WEEK], workspace, student)
    return dict(tmp=tmp, course_dir=course_dir, workspace=workspace, me=me, listed=listed.stdout + listed.stderr,
                validated=validated.stdout, graded=graded.stdout, student_cfg=student_cfg)


def test_student_sees_the_released_assignment(lifecycle):
    assert WEEK in lifecycle["listed"]


def test_validate_passes_for_a_complete_answer(lifecycle):
    out = lifecycle["validated"]
    assert "Success" in out or "passed" in out.lower(), out[-2000:]


def test_collected_submission_is_graded_full(lifecycle):
    course_dir, me = lifecycle["course_dir"], lifecycle["me"]
    assert (course_dir / "submitted" / me / WEEK).is_dir()
    with open(course_dir / "grades.csv", encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r["student_id"] == me and r["assignment"] == WEEK]
    assert rows and float(rows[0]["score"]) == float(rows[0]["max_score"]) > 0, rows


def test_student_fetches_feedback_with_the_score(lifecycle):
    htmls = list((lifecycle["workspace"] / COURSE_ID / WEEK / "feedback").glob("*/*.html"))
    assert htmls, "学生取回的反馈里没有 HTML"
    text = htmls[0].read_text(encoding="utf-8")
    assert "Score" in text or "分" in text
    assert "BEGIN HIDDEN TESTS" not in text


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def _student_lab(tmp_path: Path):
    """真的启动 make lab 用的学生 JupyterLab (write_student_config 写的配置), 根目录 tmp_path/ws。

    给出 (get, port, token, log): get(path, timeout) 带 token 发 GET, 返回文本; log 是服务器日志文件。
    """
    import re
    import time
    import urllib.request

    cfg = write_student_config(tmp_path / "cfg", tmp_path / "exchange")
    (tmp_path / "ws").mkdir(exist_ok=True)
    port, log = _free_port(), tmp_path / "lab.log"
    args = [str(BIN / "jupyter"), "lab", "--no-browser", "--ip", "127.0.0.1", f"--port={port}"]
    if os.geteuid() == 0:
        args.append("--allow-root")
    env = _env(JUPYTER_CONFIG_DIR=str(cfg))
    env.pop("JUPYTER_PATH", None)
    with open(log, "w") as out:
        server = subprocess.Popen(args, cwd=tmp_path / "ws", env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        token = None
        for _ in range(120):
            m = re.search(r"token=([0-9a-f]+)", log.read_text(errors="replace"))
            if m and "is running at" in log.read_text(errors="replace"):
                token = m.group(1)
                break
            time.sleep(0.5)
        assert token, log.read_text(errors="replace")[-3000:]

        def get(path: str, timeout: float = 30) -> str:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}?token={token}", timeout=timeout) as r:
                return r.read().decode()

        yield get, port, token, log
    finally:
        server.terminate()
        server.wait(20)


def test_student_lab_hides_instructor_parts(tmp_path):
    """真的启动 make lab 用的学生 JupyterLab: 讲师的插件与服务器扩展都没加载, 评分沙箱的内核不在启动器里。"""
    import re

    from course.instructor import sandbox

    sandbox.install_kernelspec()   # 评分时会装它; 学生仍然看不到
    with _student_lab(tmp_path) as (get, _port, _token, log):
        page = get("/lab")
        text = log.read_text(errors="replace")
        disabled = json.loads(re.search(r'"disabledExtensions": (\[[^]]*\])', page).group(1))
        assert set(INSTRUCTOR_LAB_PLUGINS) <= set(disabled), disabled
        assert "assignment_list | extension was successfully loaded" in text
        assert "formgrader | extension was successfully loaded" not in text
        assert "course_list | extension was successfully loaded" not in text
        news = json.loads(get("/lab/api/settings/@jupyterlab/apputils-extension:notification"))
        assert news["settings"]["fetchNews"] == "false", news["settings"]   # 不弹新闻通知
        kernels = json.loads(get("/api/kernelspecs"))["kernelspecs"]
        assert sandbox.KERNEL_NAME not in kernels and "python3" in kernels, list(kernels)


def test_validate_button_does_not_block_the_student_server(tmp_path):
    """学生按 Validate (执行整份 notebook) 的时候, 服务器照常回答别的请求 (nbgrader 原来的处理函数会卡住事件循环)。

    notebook 是 release/ 里的一份, 末尾加一个 sleep 8 秒的单元; validate 在后台线程里 POST,
    同时 /api/status 与 /api/contents 每次都要在 2 秒内回答。
    """
    import threading
    import time
    import urllib.error
    import urllib.parse
    import urllib.request

    nb = json.loads(next((COURSE_ROOT / "release" / WEEK).glob("*.ipynb")).read_text(encoding="utf-8"))
    nb["cells"].append({"cell_type": "code", "execution_count": None, "id": "slow-validate-probe",
                        "metadata": {}, "outputs": [], "source": "import time; time.sleep(8)"})
    (tmp_path / "ws").mkdir()
    (tmp_path / "ws" / "slow.ipynb").write_text(json.dumps(nb, ensure_ascii=False, indent=1), encoding="utf-8")
    with _student_lab(tmp_path) as (get, port, token, log):
        text = log.read_text(errors="replace")
        assert "course.instructor.validate_async | extension was successfully loaded" in text, text[-3000:]
        assert "validate_assignment | extension was successfully loaded" not in text, text[-3000:]
        assert "Loading the validate_assignment nbgrader serverextension" not in text
        written = json.loads((tmp_path / "cfg" / "jupyter_server_config.json").read_text(encoding="utf-8"))
        exts = written["ServerApp"]["jpserver_extensions"]
        assert exts == STUDENT_SERVER_EXTENSIONS, exts
        assert exts["nbgrader.server_extensions.validate_assignment"] is False
        assert exts["course.instructor.validate_async"] is True

        result: dict = {}

        def validate() -> None:
            req = urllib.request.Request(
                f"http://127.0.0.1:{port}/assignments/validate", method="POST",
                data=urllib.parse.urlencode({"path": "slow.ipynb"}).encode(),
                headers={"Authorization": f"token {token}"})
            try:
                with urllib.request.urlopen(req, timeout=600) as r:
                    result["body"] = r.read().decode()
            except Exception as exc:   # noqa: BLE001 — 在主线程里报告
                result["error"] = repr(exc)

        worker = threading.Thread(target=validate, daemon=True)
        started = time.monotonic()
        worker.start()
        time.sleep(1.0)   # 让 validate 先开始执行 notebook
        slowest, rounds = 0.0, 0
        while worker.is_alive():
            for path in ("/api/status", "/api/contents"):
                t0 = time.monotonic()
                try:
                    get(path, timeout=2)
                except (urllib.error.URLError, TimeoutError) as exc:
                    pytest.fail(f"validate 进行中 (第 {time.monotonic() - started:.1f} 秒), GET {path} "
                                f"2 秒内没有回答: {exc!r}")
                slowest = max(slowest, time.monotonic() - t0)
            rounds += 1
            time.sleep(0.5)
        worker.join()
        took = time.monotonic() - started
        assert took >= 8, f"validate 只用了 {took:.1f} 秒, 没有执行那个 sleep 8 秒的单元? {result}"
        assert rounds >= 3, f"validate 进行中只查了 {rounds} 轮"
        assert slowest < 2, slowest
        assert "error" not in result, result["error"]
        reply = json.loads(result["body"])
        assert reply["success"] is True and "value" in reply, str(reply)[:3000]


def test_formgrader_shows_names_not_none(tmp_path, monkeypatch):
    """autograde 建的学生没有名字 (Formgrader 显示 "None, None"): 有花名册按它填, 没有就填学号。"""
    from nbgrader.api import Gradebook

    from course.instructor.results import fill_student_names

    monkeypatch.setenv("COURSE_DB_URL", f"sqlite:///{tmp_path / 'gradebook.db'}")
    monkeypatch.setenv("PATH", f"{BIN}{os.pathsep}{os.environ['PATH']}")   # nbgrader 从 PATH 找 alembic
    with Gradebook(f"sqlite:///{tmp_path / 'gradebook.db'}") as gb:
        gb.update_or_create_student("alice")
        gb.update_or_create_student("bob")
    roster = tmp_path / "students.csv"
    roster.write_text("id,first_name,last_name,email\nbob,小波,王,bob@example.edu\n", encoding="utf-8")
    assert fill_student_names(roster) == 2
    with Gradebook(f"sqlite:///{tmp_path / 'gradebook.db'}") as gb:
        alice, bob = gb.find_student("alice"), gb.find_student("bob")
        assert (alice.last_name, alice.first_name) == ("alice", "")
        assert (bob.last_name, bob.first_name, bob.email) == ("王", "小波", "bob@example.edu")
    assert fill_student_names(roster) == 0   # 幂等
