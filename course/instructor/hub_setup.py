"""一台机器在起课程 JupyterHub 之前要备好的两件事 (course/instructor/hub.py 用它们; make hub 运行 main())。

1. 每个系统用户都能运行的 Python 环境 (`ensure_shared_venv`): 学生的服务器以学生的身份运行, 要能执行
   `.venv` 的解释器, 而它可能在别人进不去的目录里 (/root/.pyenv)。
2. 讲师仓库里只给讲师看的东西 (`INSTRUCTOR_ONLY`: 参考解答、闸门变体、成绩与提交) 只有主人能读
   (`protect_checkout`); 学生的服务器要用仓库里的 .venv 与 course/, 仓库本身得让别人进得去。
   `check_checkout` 在 Hub 启动时核对, 不然拒绝启动。

Example:
    >>> from course.instructor.hub_setup import ensure_shared_venv, protect_checkout
    >>> ensure_shared_venv(); protect_checkout()   # doctest: +SKIP
"""
from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

from course.grading import COURSE_ROOT


class HubSetupError(RuntimeError):
    """Hub 的环境搭不起来 (中文原因)。"""


# 每个系统用户都能运行的 Python 环境 (见 ensure_shared_venv)
SHARED_VENV = COURSE_ROOT / ".cache" / "hub-venv"


def _world_reachable(path: Path) -> bool:
    """别的系统用户能不能走到 path: 每一级目录都有 o+x, path 本身 o+r (文件) 或 o+x (目录)。"""
    path = Path(path).resolve()
    for parent in reversed(path.parents):
        if not parent.stat().st_mode & 0o001:
            return False
    return bool(path.stat().st_mode & (0o001 if path.is_dir() else 0o004))


def ensure_shared_venv(dest: Path = SHARED_VENV) -> Path:
    """每个系统用户都能运行的 venv, 返回它的 bin/。

    .venv 的解释器可能在别人进不去的目录里 (例如 /root/.pyenv, /root 是 0700), 学生的服务器以学生的身份运行就
    启动不了。这里用一个人人可执行的同版本解释器 (.venv 自己的, 否则 /usr/bin/python3.X) 建一个不带 pip 的 venv,
    它的 site-packages、share/、etc/ 是指向 .venv 的符号链接 (同一批包, 不再安装), bin/ 里是 .venv 的命令行脚本,
    只把第一行 (#!解释器) 换成这个 venv 的。幂等。

    Example:
        >>> ensure_shared_venv()   # doctest: +SKIP
        PosixPath('/work/main/.cache/hub-venv/bin')
    """
    main = Path(sys.prefix)
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    site = main / "lib" / version / "site-packages"
    if not _world_reachable(site):
        raise HubSetupError(f"{site} 别的用户读不到 (某一级目录没有 o+x): 把仓库放在人人可进的目录里")
    candidates = [Path(sys._base_executable).resolve(), Path(f"/usr/bin/{version}")]
    base = next((p for p in candidates if p.exists() and _world_reachable(p)
                 and _world_reachable(p.parent.parent / "lib" / version)), None)
    if base is None:
        raise HubSetupError(f"找不到别的用户也能运行的 {version} (试过 {', '.join(map(str, candidates))}); "
                            f"Debian: apt-get install {version}")
    dest = Path(dest)
    if not (dest / "bin" / "python").exists():
        subprocess.run([str(base), "-m", "venv", "--without-pip", str(dest)], check=True, capture_output=True)
    own_site = dest / "lib" / version / "site-packages"
    if not own_site.is_symlink():
        shutil.rmtree(own_site)
        own_site.symlink_to(site)
    for name in ("share", "etc"):
        if not (dest / name).is_symlink() and (main / name).exists():
            (dest / name).symlink_to(main / name)
    shebang = f"#!{main / 'bin' / 'python'}"
    for script in (main / "bin").iterdir():
        if not script.is_file() or script.is_symlink():
            continue
        with open(script, "rb") as f:
            first = f.readline().decode(errors="replace").rstrip("\n")
        if first in (shebang, f"#!{sys.executable}"):
            text = script.read_text(encoding="utf-8").split("\n", 1)[1]
            target = dest / "bin" / script.name
            target.write_text(f"#!{dest / 'bin' / 'python'}\n{text}", encoding="utf-8")
            target.chmod(0o755)
    return dest / "bin"


# 讲师仓库里学生不许读的东西: 参考解答、闸门的变体 (正确与错误的写法)、成绩与提交、本机交换目录、自学工作区
INSTRUCTOR_ONLY = ("source", "tests", "submitted", "autograded", "feedback", "gradebook.db", "grades.csv",
                   "grading-report*.json", "workspace", "exchange")


def _instructor_only_paths(root: Path) -> list[Path]:
    return [p for pattern in INSTRUCTOR_ONLY for p in sorted(root.glob(pattern))]


def protect_checkout(root: Path = COURSE_ROOT) -> list[Path]:
    """make hub: 学生的服务器要用本仓库的 .venv 与 course/ 包, 所以仓库得让别人进得去; 但 INSTRUCTOR_ONLY
    里的东西改成只有主人能读 (go-rwx)。返回改过的路径。"""
    changed = []
    for path in _instructor_only_paths(Path(root)):
        mode = path.lstat().st_mode
        if not stat.S_ISLNK(mode) and mode & 0o077:
            os.chmod(path, stat.S_IMODE(mode) & 0o7700)
            changed.append(path)
    return changed


def check_checkout(root: Path = COURSE_ROOT) -> None:
    """别的用户能读 INSTRUCTOR_ONLY 里的东西 (例如 source/ 的参考解答) 就拒绝启动 Hub。"""
    bad = [p for p in _instructor_only_paths(Path(root)) if not p.is_symlink() and p.lstat().st_mode & 0o077]
    if bad:
        names = " ".join(str(p.relative_to(root)) for p in bad)
        raise HubSetupError(f"学生的服务器要用 {root} 里的 .venv 与 course/, 但别的用户也能读 {names} "
                            f"(参考解答、变体、成绩): 运行 make hub, 或 chmod -R go-rwx {names}")


