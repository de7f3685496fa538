"""测试用的真 JupyterHub (tests/test_hub.py, tests/test_browser.py 的 Hub 一半): 多门课、系统用户、PAM 登录。

用 course/instructor/deploy/jupyterhub_config.py (README 里写的那份) 与 npm 的 configurable-http-proxy
(make hub 安装), 全部在 127.0.0.1 的随机端口上。系统用户名带这次测试自己的前缀 (lz<4 位十六进制>-),
课程目录、交换目录、Hub 的状态都在 /tmp 下这次测试自己的目录里 (别的用户要能进去, 所以不在 pytest 的
0700 临时目录里); stop() 停掉 Hub (它停掉每个人的服务器与 formgrader 服务)、杀掉这些用户剩下的进程、删掉用户与目录。

需要 root (建系统用户、以各人的身份启动服务器)、jupyterhub (requirements.txt) 与 configurable-http-proxy。
"""
from __future__ import annotations

import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

from course.grading import COURSE_ROOT
from course.instructor.hub import proxy_command, write_course_config, write_user_config
from course.instructor.hub_setup import HubSetupError, ensure_shared_venv, protect_checkout

BIN = Path(sys.executable).parent
HUB_CONFIG = COURSE_ROOT / "course" / "instructor" / "deploy" / "jupyterhub_config.py"


def unavailable() -> str | None:
    """不能起 Hub 的原因 (中文); 能起则 None。"""
    if os.geteuid() != 0:
        return "不是 root: 不能建系统用户、不能以各人的身份启动服务器"
    if not (BIN / "jupyterhub").exists():
        return "没有安装 jupyterhub (make setup)"
    if proxy_command() is None:
        return "没有 configurable-http-proxy (make hub 用 npm 安装)"
    if shutil.which("useradd") is None or shutil.which("chpasswd") is None:
        return "没有 useradd/chpasswd"
    try:
        ensure_shared_venv()
    except HubSetupError as err:
        return str(err)
    return None


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _nlp101_notebook() -> dict:
    """第二门课 (nlp101) 的一个小作业: 一道计分练习 + 它的测试。"""
    import nbformat

    nb = nbformat.v4.new_notebook()
    answer = nbformat.v4.new_code_cell("def double(x):\n    ### BEGIN SOLUTION\n    return 2 * x\n    ### END SOLUTION")
    answer.metadata["nbgrader"] = {"grade": False, "solution": True, "locked": False, "task": False,
                                   "grade_id": "double", "schema_version": 3}
    test = nbformat.v4.new_code_cell("assert double(3) == 6")
    test.metadata["nbgrader"] = {"grade": True, "solution": False, "locked": True, "task": False,
                                 "grade_id": "test_double", "points": 1, "schema_version": 3}
    nb.cells = [nbformat.v4.new_markdown_cell("# nlp101: hello"), answer, test]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return nb


class HubCluster:
    """一个真的 JupyterHub: 两门课 (llm-zh 与 nlp101), 各有讲师、grader 服务用户与学生。

    llm-zh: 讲师 t1, 学生 s1 s2 s4 (s4 是捣乱的); nlp101: 讲师 t2, 学生 s3 (s3 不在 llm-zh 里)。
    `user(key)` 给出系统用户名, `password[key]` 是 PAM 密码, `token(key)` 是这个人的 API 令牌。
    """

    COURSES = {"llm-zh": {"instructors": ["t1"], "students": ["s1", "s2", "s4"], "grader": "g1"},
               "nlp101": {"instructors": ["t2"], "students": ["s3"], "grader": "g2"}}

    def __init__(self):
        self.prefix = f"lz{secrets.token_hex(2)}"
        self.root = Path(tempfile.mkdtemp(prefix="llm-zh-hub-", dir="/tmp"))
        os.chmod(self.root, 0o755)
        self.state, self.exchange = self.root / "state", self.root / "exchange"
        self.user_config = self.root / "user-config"
        self.keys = ["t1", "t2", "s1", "s2", "s3", "s4", "g1", "g2"]
        self.password = {k: secrets.token_urlsafe(12) for k in self.keys}
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen | None = None
        self._tokens: dict[str, str] = {}
        self.created_users: list[str] = []

    # -- 名字与路径 -------------------------------------------------------------------------------------------

    def user(self, key: str) -> str:
        return f"{self.prefix}-{key}"

    def course_dir(self, course_id: str) -> Path:
        return self.root / "courses" / course_id

    def home(self, key: str) -> Path:
        return Path(f"/home/{self.user(key)}")

    @property
    def log(self) -> Path:
        return self.state / "hub.log"   # 0700 的目录里: 日志里有每份提交在交换目录里的名字

    def log_tail(self, n: int = 6000) -> str:
        return self.log.read_text(errors="replace")[-n:] if self.log.exists() else ""

    # -- 启动与停止 -------------------------------------------------------------------------------------------

    def _make_users(self) -> None:
        for key in self.keys:
            name = self.user(key)
            subprocess.run(["useradd", "--create-home", "--shell", "/bin/bash", name], check=True,
                           capture_output=True)
            self.created_users.append(name)
        lines = "".join(f"{self.user(k)}:{self.password[k]}\n" for k in self.keys)
        subprocess.run(["chpasswd"], input=lines, text=True, check=True, capture_output=True)

    def _make_courses(self) -> list[dict]:
        courses = []
        for cid, people in self.COURSES.items():
            course_dir = self.course_dir(cid)
            course_dir.mkdir(parents=True)
            if cid == "llm-zh":   # 本课程: 仓库的 source/ (全部周次与页眉) 与 nbgrader_config.py
                write_course_config(course_dir, cid, self.exchange)
                shutil.copytree(COURSE_ROOT / "source", course_dir / "source")
            else:
                (course_dir / "source").mkdir()
                write_course_config(course_dir, cid, self.exchange, base=self.root / "no-such-base.py")
                import nbformat

                (course_dir / "source" / "hello").mkdir()
                nbformat.write(_nlp101_notebook(), str(course_dir / "source" / "hello" / "hello.ipynb"))
            grader = self.user(people["grader"])
            subprocess.run(["chown", "-R", f"{grader}:{grader}", str(course_dir)], check=True)
            os.chmod(course_dir, 0o700)   # 参考解答与全班的提交: 只有 grader 能进 (hub.check_course_dirs 要求)
            courses.append({"id": cid, "grader": grader, "dir": str(course_dir), "port": free_port(),
                            "instructors": [self.user(k) for k in people["instructors"]],
                            "students": [self.user(k) for k in people["students"]]})
        return courses

    def start(self, timeout: float = 240) -> None:
        self.state.mkdir(mode=0o700)   # 交换目录由 Hub 的配置建 (hub.prepare_exchange)
        (self.root / "courses").mkdir()
        os.chmod(self.root / "courses", 0o755)
        write_user_config(self.user_config, self.exchange)
        protect_checkout()   # make hub 做的事: 仓库里的参考解答与变体只有主人能读
        self._make_users()
        token_file = self.state / "automation_token"
        token_file.write_text(secrets.token_hex(32))
        os.chmod(token_file, 0o600)
        self.automation = token_file.read_text()
        spec = {"bind_url": self.url, "hub_bind_url": f"http://127.0.0.1:{free_port()}",
                "proxy_api_url": f"http://127.0.0.1:{free_port()}", "state_dir": str(self.state),
                "exchange": str(self.exchange), "user_config_dir": str(self.user_config),
                "automation_token_file": str(token_file), "courses": self._make_courses(),
                "cgroup_root": f"course-hub-{self.prefix}",
                "user_limits": {"cpus": 2.0, "memory_mb": 4096, "pids": 512}}
        self.spec = spec
        (self.state / "courses.json").write_text(json.dumps(spec, indent=1), encoding="utf-8")
        env = dict(os.environ, COURSE_HUB_SPEC=str(self.state / "courses.json"),
                   PATH=f"{BIN}{os.pathsep}{os.environ['PATH']}")
        for var in ("COURSE_WORKDIR", "COURSE_EXCHANGE", "JUPYTER_CONFIG_DIR", "JUPYTER_PATH", "MPLBACKEND",
                    "COURSE_DB_URL"):
            env.pop(var, None)
        with open(self.log, "w") as out:
            self.proc = subprocess.Popen([str(BIN / "jupyterhub"), "-f", str(HUB_CONFIG)], cwd=self.state, env=env,
                                         stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise AssertionError(f"JupyterHub 退出了:\n{self.log_tail()}")
            try:
                if requests.get(f"{self.url}/hub/api/", timeout=5).ok:
                    break
            except requests.RequestException:
                pass
            time.sleep(0.5)
        else:
            raise AssertionError(f"JupyterHub {timeout:.0f} s 内没有启动:\n{self.log_tail()}")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(60)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, 9)
                self.proc.wait(10)
        pid_file = self.state / "proxy.pid"
        if pid_file.exists():
            try:
                os.kill(int(pid_file.read_text().strip()), 15)
            except (ValueError, ProcessLookupError):
                pass
        for name in self.created_users:
            subprocess.run(["pkill", "-KILL", "-u", name], capture_output=True)
        time.sleep(0.5)
        for name in self.created_users:
            subprocess.run(["userdel", "--remove", name], capture_output=True)
        from course.instructor import cgroups

        if cgroups.available()[0]:   # 每人的控制组 (Hub 停服务器时已删), 再删它们的上一层
            for key in self.keys:
                cgroups.SlotCgroup(f"course-hub-{self.prefix}/{self.user(key)}").kill_all()
            cgroups.SlotCgroup(f"course-hub-{self.prefix}").remove()
        shutil.rmtree(self.root, ignore_errors=True)

    # -- API ------------------------------------------------------------------------------------------------

    def hub_api(self, method: str, path: str, token: str | None = None, **kw) -> requests.Response:
        return requests.request(method, f"{self.url}/hub/api{path}", timeout=kw.pop("timeout", 60),
                                headers={"Authorization": f"token {token or self.automation}"}, **kw)

    def token(self, key: str) -> str:
        """这个人的 API 令牌 (由 Hub 发给他, 权限与他本人相同)。"""
        if key not in self._tokens:
            r = self.hub_api("POST", f"/users/{self.user(key)}/tokens", json={"note": "test_hub", "expires_in": 7200})
            assert r.status_code in (200, 201), (r.status_code, r.text, self.log_tail())
            self._tokens[key] = r.json()["token"]
        return self._tokens[key]

    def start_servers(self, keys: list[str], timeout: float = 300) -> None:
        """同时启动这些人的服务器, 等到全部就绪。"""
        for key in keys:
            r = self.hub_api("POST", f"/users/{self.user(key)}/server")
            assert r.status_code in (201, 202, 400), (r.status_code, r.text)   # 400: 已经在运行
        deadline = time.monotonic() + timeout
        pending = set(keys)
        while pending and time.monotonic() < deadline:
            for key in sorted(pending):
                model = self.hub_api("GET", f"/users/{self.user(key)}").json()
                server = (model.get("servers") or {}).get("", {})
                if server.get("ready"):
                    pending.discard(key)
            time.sleep(1)
        assert not pending, f"{sorted(pending)} 的服务器 {timeout:.0f} s 内没有就绪:\n{self.log_tail()}"

    def wait_service(self, course_id: str, token: str, timeout: float = 240) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                r = self.get(f"/services/{course_id}/api/status", token)
                if r.ok:
                    return
            except requests.RequestException:
                pass
            time.sleep(1)
        raise AssertionError(f"formgrader 服务 {course_id} {timeout:.0f} s 内没有就绪:\n{self.log_tail()}")

    def get(self, path: str, token: str, **kw) -> requests.Response:
        return requests.get(f"{self.url}{path}", headers={"Authorization": f"token {token}"},
                            timeout=kw.pop("timeout", 120), allow_redirects=False, **kw)

    def post(self, path: str, token: str, **kw) -> requests.Response:
        return requests.post(f"{self.url}{path}", headers={"Authorization": f"token {token}"},
                             timeout=kw.pop("timeout", 300), allow_redirects=False, **kw)

    def put(self, path: str, token: str, **kw) -> requests.Response:
        return requests.put(f"{self.url}{path}", headers={"Authorization": f"token {token}"},
                            timeout=kw.pop("timeout", 120), allow_redirects=False, **kw)

    def as_user(self, key: str, cmd: list[str], cwd: Path, env: dict | None = None, timeout: int = 900):
        """以这个人的系统用户运行一条命令 (runuser), 例如 grader 在课程目录里 python -m course release。"""
        base = {"PATH": f"{ensure_shared_venv()}{os.pathsep}/usr/local/bin:/usr/bin:/bin", "HOME": str(self.home(key)),
                "LANG": "C.UTF-8"}
        base.update(env or {})
        full = ["runuser", "-u", self.user(key), "--", "env", *[f"{k}={v}" for k, v in base.items()], *cmd]
        proc = subprocess.run(full, cwd=cwd, capture_output=True, text=True, timeout=timeout)
        assert proc.returncode == 0, f"{' '.join(cmd)} ({self.user(key)}) 失败:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
        return proc
