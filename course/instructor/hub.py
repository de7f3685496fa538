"""多门课共用一个 JupyterHub (issue 16 第 3 条): 从一份课程清单 (courses.json) 生成 JupyterHub 的配置。

`course/instructor/deploy/jupyterhub_config.py` 读清单并调用 `configure(c, spec)`; tests/test_hub.py 用同一个
文件起一个真的 JupyterHub (PAM 登录的系统用户、npm 的 configurable-http-proxy、127.0.0.1)。清单的样子
(见 deploy/courses.example.json):

    {"bind_url": "http://127.0.0.1:8000", "state_dir": "/srv/jupyterhub",
     "exchange": "/srv/nbgrader/exchange", "user_config_dir": "/srv/jupyterhub/user-config",
     "courses": [{"id": "llm-zh", "grader": "grader-llm-zh", "dir": "/srv/courses/llm-zh", "port": 9999,
                  "instructors": ["teacher"], "students": ["alice", "bob"]}]}

每门课:
- 一个共享的 formgrader 服务 (名字 = 课程名), 以课程专用的系统用户 (grader) 运行在课程目录里;
  `formgrade-<课程>` 组 (讲师与 grader) 可以访问它 (`access:services!service=<课程>`)。
- `nbgrader-<课程>` 组 (学生与讲师): nbgrader 的 JupyterHubAuthPlugin 按这个组决定一个人在 Assignment List
  里看到哪些课程。
每个人自己的服务器 (学生与讲师) 读 `user_config_dir` (JUPYTER_CONFIG_PATH): 交换目录、path_includes_course、
JupyterHubAuthPlugin, 并关掉讲师插件 (与 make lab 的学生配置相同) —— 讲师在 /services/<课程>/ 里用 formgrader。

Example:
    >>> spec = {"bind_url": "http://127.0.0.1:8000", "state_dir": "/tmp/hub", "exchange": "/tmp/ex",
    ...         "user_config_dir": "/tmp/hub/user-config",
    ...         "courses": [{"id": "llm-zh", "grader": "g", "dir": "/tmp/c", "port": 9999,
    ...                      "instructors": ["t"], "students": ["s"]}]}
    >>> sorted(groups(spec))
    ['formgrade-llm-zh', 'nbgrader-llm-zh']
"""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from course.grading import COURSE_ROOT
from course.instructor.hub_setup import HubSetupError, check_checkout, ensure_shared_venv, protect_checkout
from course.instructor.lab import write_instructor_config, write_student_lockdown

# make hub 用 npm 装的 configurable-http-proxy (git 忽略的 .cache/hub-npm/)
LOCAL_PROXY = COURSE_ROOT / ".cache" / "hub-npm" / "node_modules" / ".bin" / "configurable-http-proxy"
def proxy_command() -> str | None:
    """configurable-http-proxy 的路径: make hub 装在 .cache/hub-npm/ 的, 否则 PATH 上的; 都没有则 None。"""
    if LOCAL_PROXY.exists():
        return str(LOCAL_PROXY)
    return shutil.which("configurable-http-proxy")


def groups(spec: dict) -> dict[str, dict]:
    """JupyterHub 的组: 每门课 formgrade-<课程> (讲师 + grader) 与 nbgrader-<课程> (学生 + 讲师)。"""
    out = {}
    for course in spec["courses"]:
        out[f"formgrade-{course['id']}"] = {"users": [*course["instructors"], course["grader"]]}
        out[f"nbgrader-{course['id']}"] = {"users": [*course["students"], *course["instructors"]]}
    return out


def roles(spec: dict) -> list[dict]:
    """JupyterHub 的角色: formgrader 服务只对讲师开放; 学生能发现自己课程的服务; 服务器的令牌能读主人的组。"""
    out = [{
        # 每个人的服务器的令牌: nbgrader 的 JupyterHubAuthPlugin 要用它读主人所在的组 (GET /hub/api/users/<名字>)
        "name": "server",
        "scopes": ["users:activity!user", "access:servers!user", "read:users:name!user", "read:users:groups!user"],
    }]
    for course in spec["courses"]:
        cid = course["id"]
        out.append({"name": f"formgrade-{cid}", "groups": [f"formgrade-{cid}"],
                    "scopes": [f"access:services!service={cid}"]})
        out.append({"name": f"nbgrader-{cid}", "groups": [f"nbgrader-{cid}"],
                    "scopes": ["list:services", f"read:services!service={cid}"]})
    if spec.get("automation_token_file"):
        # 脚本用的令牌 (例如建令牌、启动服务器); tests/test_hub.py 用它
        out.append({"name": "course-automation", "services": ["course-automation"],
                    "scopes": ["admin:users", "admin:servers", "tokens", "read:groups", "list:services"]})
    return out


def services(spec: dict, bin_dir: Path) -> list[dict]:
    """每门课一个 formgrader 服务: 课程专用的系统用户, 工作目录 = 课程目录, 交换目录与学生的相同。"""
    out = []
    for course in spec["courses"]:
        course_dir = Path(course["dir"])
        out.append({
            "name": course["id"],
            "url": f"http://127.0.0.1:{course['port']}",
            "command": [str(bin_dir / "jupyterhub-singleuser"), f"--ServerApp.root_dir={course_dir}"],
            "user": course["grader"],
            "cwd": str(course_dir),
            "oauth_no_confirm": True,
            "environment": {
                "JUPYTERHUB_DEFAULT_URL": "/lab",
                "PATH": f"{bin_dir}{os.pathsep}/usr/local/bin:/usr/bin:/bin",   # nbgrader 从 PATH 上找 alembic
                "COURSE_WORKDIR": str(course_dir),
                "COURSE_EXCHANGE": spec["exchange"],
                "JUPYTER_CONFIG_DIR": str(course_dir / ".jupyter"),
                "HOME": str(course_dir),
            },
        })
    if spec.get("automation_token_file"):
        token = Path(spec["automation_token_file"]).read_text().strip()
        out.append({"name": "course-automation", "api_token": token})
    return out


def check_course_dirs(spec: dict) -> None:
    """课程目录里有参考解答与隐藏测试 (source/)、成绩库、全班的提交: 只许它的主人 (grader) 进去。

    别的用户能进去 (mode 里 group/other 有任何权限) 就拒绝启动, 说明怎么改。Example: chmod 700 /srv/courses/llm-zh
    """
    for course in spec["courses"]:
        course_dir = Path(course["dir"])
        if course_dir.exists() and course_dir.stat().st_mode & 0o077:
            raise HubSetupError(f"课程目录 {course_dir} 别的用户也能进 (权限 {course_dir.stat().st_mode & 0o777:o}); "
                                f"里面有参考解答和全班的提交: chmod 700 {course_dir}")


def prepare_exchange(spec: dict) -> None:
    """交换目录: 根目录归 root, 1777 (nbgrader 要求人人可写; 粘滞位让学生删不掉、改不了别人建的目录);
    每门课的子目录在 Hub 启动时就建好, 归这门课的 grader (0755)。

    不预先建好的话, 学生可以抢先建一个同名目录 (之后 grader 发布时 "You don't own the directory"), 或把它设成
    人人可写。已经被别人建了的课程目录: 拒绝启动。
    """
    import pwd

    root = Path(spec["exchange"])
    root.mkdir(parents=True, exist_ok=True)
    if os.geteuid() == 0:
        os.chown(root, 0, 0)
    os.chmod(root, 0o1777)
    for course in spec["courses"]:
        grader = pwd.getpwnam(course["grader"])
        path = root / course["id"]
        if not path.exists():
            path.mkdir()
            os.chown(path, grader.pw_uid, grader.pw_gid)
            os.chmod(path, 0o755)
        elif path.is_symlink() or path.stat().st_uid != grader.pw_uid:
            raise HubSetupError(f"交换目录 {path} 不属于 {course['grader']} (被别人抢先建了?): 检查之后删掉它")


def private_homes(spec: dict) -> None:
    """Hub 启动时: 清单里每个人 (讲师、学生、grader) 的家目录都改成 0700 (还没启动过服务器的人也一样)。"""
    import pwd

    for course in spec["courses"]:
        for name in [*course["instructors"], *course["students"], course["grader"]]:
            try:
                home = Path(pwd.getpwnam(name).pw_dir)
            except KeyError:
                continue   # 还没建的系统用户
            if home.is_dir() and home.stat().st_mode & 0o077:
                os.chmod(home, home.stat().st_mode & 0o700)


def configure(c, spec: dict) -> None:
    """把课程清单 spec 写进 JupyterHub 的配置对象 c (jupyterhub_config.py 里的 get_config())。"""
    check_course_dirs(spec)
    check_checkout()
    prepare_exchange(spec)
    private_homes(spec)
    state = Path(spec["state_dir"])
    c.JupyterHub.bind_url = spec["bind_url"]
    c.JupyterHub.hub_bind_url = spec.get("hub_bind_url", "http://127.0.0.1:8081")
    c.JupyterHub.db_url = f"sqlite:///{state / 'jupyterhub.sqlite'}"
    c.JupyterHub.cookie_secret_file = str(state / "jupyterhub_cookie_secret")
    c.JupyterHub.pid_file = str(state / "jupyterhub.pid")
    c.ConfigurableHTTPProxy.pid_file = str(state / "proxy.pid")
    c.ConfigurableHTTPProxy.api_url = spec.get("proxy_api_url", "http://127.0.0.1:8001")
    proxy = spec.get("proxy_command") or proxy_command()
    if proxy:
        c.ConfigurableHTTPProxy.command = [proxy]
    # 登录: 系统用户的密码 (PAM); 只放行清单里的人
    c.JupyterHub.authenticator_class = "pam"
    people = {u for course in spec["courses"] for u in [*course["instructors"], *course["students"]]}
    c.Authenticator.allowed_users = people
    c.JupyterHub.load_groups = groups(spec)
    c.JupyterHub.load_roles = roles(spec)
    bin_dir = Path(spec["bin_dir"]) if spec.get("bin_dir") else ensure_shared_venv()
    c.JupyterHub.services = services(spec, bin_dir)
    # 每个人的服务器: 人人可执行的 venv (ensure_shared_venv) 里的 jupyterhub-singleuser, 以这个人的系统用户在家目录里运行
    # 私有家目录与 TMPDIR、每人一个 cgroup (course/instructor/hub_spawner.py)
    c.JupyterHub.spawner_class = "course.instructor.hub_spawner.CourseSpawner"
    limits = spec.get("user_limits", {})
    c.CourseSpawner.cpus = float(limits.get("cpus", 2.0))
    c.CourseSpawner.memory_mb = int(limits.get("memory_mb", 4096))
    c.CourseSpawner.pids = int(limits.get("pids", 512))
    c.CourseSpawner.cgroup_root = spec.get("cgroup_root", "course-hub")
    c.Spawner.cmd = [str(bin_dir / "jupyterhub-singleuser")]
    c.Spawner.default_url = "/lab"
    c.Spawner.environment = {"JUPYTER_CONFIG_PATH": spec["user_config_dir"], "COURSE_EXCHANGE": spec["exchange"],
                             "PATH": f"{bin_dir}{os.pathsep}/usr/local/bin:/usr/bin:/bin"}
    c.Spawner.start_timeout = spec.get("start_timeout", 180)
    c.Spawner.http_timeout = spec.get("start_timeout", 180)
    c.JupyterHub.cleanup_servers = True


def write_user_config(config_dir: Path, exchange: Path) -> Path:
    """每个人自己的服务器的配置目录 (JUPYTER_CONFIG_PATH): nbgrader 的交换目录与 JupyterHub 组, 关掉讲师插件。"""
    config_dir = Path(config_dir)
    # JupyterLab 的默认设置 (overrides.json): 不弹 "要不要获取 Jupyter 新闻" 的通知; 各人自己的设置仍可保存
    settings = config_dir / "lab-settings"
    settings.mkdir(parents=True, exist_ok=True)
    (settings / "overrides.json").write_text(json.dumps(
        {"@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False}},
        indent=1) + "\n", encoding="utf-8")
    write_student_lockdown(config_dir, {"LabApp": {"app_settings_dir": str(settings)}})
    (config_dir / "nbgrader_config.py").write_text(
        "# course/instructor/hub.py 生成: 每个人自己的服务器 (学生与讲师) 的 nbgrader 配置\n"
        "from nbgrader.auth import JupyterHubAuthPlugin\n"
        "c = get_config()  # noqa: F821\n"
        f"c.Exchange.root = {str(exchange)!r}   # 所有课程共用; 目录权限 1777\n"
        "c.Exchange.path_includes_course = True   # 多门课: 取回的作业放在 <家目录>/<课程>/<作业>/\n"
        "c.Authenticator.plugin_class = JupyterHubAuthPlugin   # 按 JupyterHub 的 nbgrader-<课程> 组列出课程\n"
        "# 提交之后目录 0770: 只有自己与讲师 (inbound/ 的组) 能进 (course/instructor/exchange.py)\n"
        "c.ExchangeFactory.submit = 'course.instructor.exchange.PrivateSubmit'\n",
        encoding="utf-8")
    for path in [config_dir, *config_dir.rglob("*")]:
        os.chmod(path, 0o755 if path.is_dir() else 0o644)
    return config_dir


def write_course_config(course_dir: Path, course_id: str, exchange: Path, base: Path | None = None) -> Path:
    """课程目录的 nbgrader_config.py: base (默认本仓库的 nbgrader_config.py) 再加上课程名与交换目录。"""
    base = Path(base or COURSE_ROOT / "nbgrader_config.py")
    text = base.read_text(encoding="utf-8") if base.exists() else "c = get_config()  # noqa: F821\n"
    text += ("\n# JupyterHub 上的这门课 (course/instructor/hub.py 加上)\n"
             f"c.CourseDirectory.course_id = {course_id!r}\n"
             f"c.Exchange.root = {str(exchange)!r}\n"
             "c.Exchange.path_includes_course = True\n")
    path = Path(course_dir) / "nbgrader_config.py"
    path.write_text(text, encoding="utf-8")
    write_instructor_config(Path(course_dir) / ".jupyter")   # formgrader 服务的 JUPYTER_CONFIG_DIR
    return path


def main() -> int:
    """make hub: 建好人人可执行的 venv; 建不了时说明原因 (JupyterHub 测试会跳过), 不算失败。"""
    try:
        print(f"JupyterHub 用的 venv: {ensure_shared_venv().parent}")
        for path in protect_checkout():
            print(f"只有主人能读 (go-rwx): {path.relative_to(COURSE_ROOT)}")
    except HubSetupError as err:
        print(f"[跳过] {err}: JupyterHub 测试 (tests/test_hub.py) 会跳过")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
