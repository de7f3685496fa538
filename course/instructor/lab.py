"""一台电脑上的完整流程 (issue 16): 学生与讲师各用一个 JupyterLab, 通过本地的 nbgrader 交换目录 (exchange) 交接。

- 交换目录默认是仓库里的 `exchange/` (git 忽略); 环境变量 COURSE_EXCHANGE 可以换成 JupyterHub 上的
  `/srv/nbgrader/exchange`。讲师一侧的 nbgrader_config.py 与学生一侧的配置都从这里取。
- `make lab` (学生): 服务器的配置目录是 `.cache/lab-student/` (JUPYTER_CONFIG_DIR), 里面关掉讲师的插件
  (Create Assignment、Formgrader、Course List), Validate 换成不卡服务器的 course.instructor.validate_async,
  Assignment List 指向同一个交换目录, 取回的作业放在
  `workspace/llm-zh/<作业>/` (与 make lab 从 release/ 复制来的自学副本分开)。
- `make lab-instructor` (讲师): 在仓库根目录打开 JupyterLab, Formgrader 的课程目录就是 notebook 根目录。

Example:
    >>> from course.instructor.lab import write_student_config
    >>> write_student_config(Path("/tmp/lab-student"))   # doctest: +SKIP
"""
from __future__ import annotations

import json
import os
from pathlib import Path

from course.grading import COURSE_ROOT

COURSE_ID = "llm-zh"
# 学生的 JupyterLab 里不出现的讲师插件 (JupyterLab 插件 id 与 jupyter_server 扩展名)
INSTRUCTOR_LAB_PLUGINS = ("@jupyter/nbgrader:create-assignment", "@jupyter/nbgrader:formgrader",
                          "@jupyter/nbgrader:course-list")
INSTRUCTOR_SERVER_EXTENSIONS = ("nbgrader.server_extensions.formgrader", "nbgrader.server_extensions.course_list")
# 学生服务器的 jpserver_extensions (整张表): 讲师扩展关掉; nbgrader 的 Validate 在事件循环里同步执行 notebook,
# 会卡住整个服务器, 换成在线程里执行的 course.instructor.validate_async (同一个地址, 同样的 JSON)
STUDENT_SERVER_EXTENSIONS: dict[str, bool] = {
    **{e: False for e in INSTRUCTOR_SERVER_EXTENSIONS},
    "nbgrader.server_extensions.validate_assignment": False,
    "course.instructor.validate_async": True,
}


# 讲师服务器 (make lab-instructor, Hub 上每门课的 formgrader 服务): 讲师扩展都在, 只把 Validate 换成不阻塞的
INSTRUCTOR_SERVER_EXTENSIONS_CONFIG: dict[str, bool] = {
    "nbgrader.server_extensions.validate_assignment": False,
    "course.instructor.validate_async": True,
}


def write_instructor_config(config_dir: Path) -> Path:
    """讲师 JupyterLab 的配置目录 (JUPYTER_CONFIG_DIR): 只写 jpserver_extensions 的这两项。返回 config_dir。"""
    config_dir = Path(config_dir)
    config_dir.mkdir(parents=True, exist_ok=True)
    (config_dir / "jupyter_server_config.json").write_text(json.dumps(
        {"ServerApp": {"jpserver_extensions": dict(INSTRUCTOR_SERVER_EXTENSIONS_CONFIG)}}, indent=1) + "\n",
        encoding="utf-8")
    return config_dir


def exchange_root() -> Path:
    """nbgrader 的交换目录: COURSE_EXCHANGE, 默认仓库里的 exchange/。"""
    return Path(os.environ.get("COURSE_EXCHANGE", COURSE_ROOT / "exchange")).resolve()


def ensure_exchange(root: Path | None = None) -> Path:
    """建好交换目录 (所有人可写、带粘滞位, 与 nbgrader 文档里的 /srv/nbgrader/exchange 一样)。"""
    root = Path(root or exchange_root())
    root.mkdir(parents=True, exist_ok=True)
    try:
        os.chmod(root, 0o1777)
    except PermissionError:
        pass   # 别人建的目录: 只要可写就行
    return root


def write_student_lockdown(config_dir: Path, server_config: dict | None = None) -> Path:
    """学生服务器 (make lab 与 Hub 上每个人的) 共用的两份配置: 关掉讲师的 JupyterLab 插件 (labconfig/page_config.json),
    jupyter_server_config.json 里的 jpserver_extensions = STUDENT_SERVER_EXTENSIONS, 再加上 server_config 的其余各节。"""
    config_dir = Path(config_dir)
    (config_dir / "labconfig").mkdir(parents=True, exist_ok=True)
    (config_dir / "labconfig" / "page_config.json").write_text(json.dumps(
        {"disabledExtensions": {p: True for p in INSTRUCTOR_LAB_PLUGINS}}, indent=1) + "\n", encoding="utf-8")
    (config_dir / "jupyter_server_config.json").write_text(json.dumps(
        {"ServerApp": {"jpserver_extensions": dict(STUDENT_SERVER_EXTENSIONS)}, **(server_config or {})},
        indent=1) + "\n", encoding="utf-8")
    return config_dir


def write_student_config(config_dir: Path, exchange: Path | None = None) -> Path:
    """学生 JupyterLab 的配置目录 (用作 JUPYTER_CONFIG_DIR): 关掉讲师插件, 指向交换目录。返回 config_dir。"""
    config_dir = write_student_lockdown(Path(config_dir))
    # 不弹 "要不要获取 Jupyter 新闻" 的通知 (学生的 JupyterLab 不联网, 也不该被打扰)
    news = config_dir / "lab" / "user-settings" / "@jupyterlab" / "apputils-extension"
    news.mkdir(parents=True, exist_ok=True)
    (news / "notification.jupyterlab-settings").write_text(json.dumps(
        {"fetchNews": "false", "checkForUpdates": False}, indent=1) + "\n", encoding="utf-8")
    exchange = ensure_exchange(exchange)
    (config_dir / "nbgrader_config.py").write_text(
        "# make lab 生成, 不要手改: 学生一侧的 nbgrader 配置 (course/instructor/lab.py)\n"
        "c = get_config()  # noqa: F821\n"
        f"c.CourseDirectory.course_id = {COURSE_ID!r}\n"
        f"c.Exchange.root = {str(exchange)!r}\n"
        "c.Exchange.path_includes_course = True  # 取回的作业放在 <工作区>/llm-zh/<作业>/\n"
        "c.ExchangeFactory.submit = 'course.instructor.exchange.PrivateSubmit'  # 提交只有自己与讲师能读\n",
        encoding="utf-8")
    return config_dir
