"""课程目录 (course directory): 路径、成绩库地址、讲师错误、nbgrader 命令。讲师一侧依赖的最底层。

工作目录默认是仓库根目录; 测试把整套评分放进临时目录 (环境变量 COURSE_WORKDIR), 不弄脏仓库。

Example:
    >>> from course.instructor.workdir import assignments
    >>> assignments()[:2]
    ['week01_text', 'week02_ngram']
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from course.grading import COURSE_ROOT

DB_URL_ENV = "COURSE_DB_URL"
WORKDIR = Path(os.environ.get("COURSE_WORKDIR", COURSE_ROOT)).resolve()
RELEASE_DIR = WORKDIR / "release"
SUBMITTED_DIR = WORKDIR / "submitted"
AUTOGRADED_DIR = WORKDIR / "autograded"
FEEDBACK_DIR = WORKDIR / "feedback"
GRADES_CSV = WORKDIR / "grades.csv"
VARIANTS_DIR = COURSE_ROOT / "tests" / "variants"


# 评分与导出在课程目录里生成的东西 (root 评分之后要还给课程目录的主人)
GENERATED = ("autograded", "feedback", "release", "grades.csv", "gradebook.db", "grading-report*.json")


def give_back_to_owner(root: Path | None = None) -> int:
    """root 在别人的课程目录里评完分之后, 把生成的文件 (GENERATED) 的主人改回课程目录的主人。

    JupyterHub 上课程目录属于 grader 用户, formgrader 服务以它运行, 要能改成绩库、重新生成反馈;
    评分沙箱却要 root 才能建。不跟随符号链接 (lchown)。不是 root、或目录本来就属于 root 时什么也不做。
    返回改了多少个路径。

    Example: give_back_to_owner(Path("/srv/courses/llm-zh"))  # -> 1234 (以 root 运行时)
    """
    root = Path(root or WORKDIR)
    owner = root.stat()
    if os.geteuid() != 0 or owner.st_uid == 0:
        return 0
    changed = 0
    for pattern in GENERATED:
        for top in root.glob(pattern):
            paths = [top] if top.is_symlink() or not top.is_dir() else [top, *top.rglob("*")]
            for path in paths:
                if path.lstat().st_uid != owner.st_uid:
                    os.lchown(path, owner.st_uid, owner.st_gid)
                    changed += 1
    return changed


class InstructorError(RuntimeError):
    """讲师一侧的错误 (配置、source 缺失): 命令应当以非零退出。"""


def db_url(root: Path = WORKDIR) -> str:
    """成绩库地址: 环境变量 COURSE_DB_URL, 默认 root 里的 SQLite 文件 gradebook.db。

    Example: db_url(Path("/srv/course")) -> 'sqlite:////srv/course/gradebook.db'
    """
    return os.environ.get(DB_URL_ENV, f"sqlite:///{Path(root) / 'gradebook.db'}")


def assignments() -> list[str]:
    """source/ 下的作业名, 按周排序。"""
    src = WORKDIR / "source"
    return sorted(p.name for p in src.glob("week*") if p.is_dir() and any(p.glob("*.ipynb")))


def submitted_students(assignment: str) -> list[str]:
    """submitted/ 里交了这个作业的学生 (目录名)。"""
    return sorted(p.parent.name for p in SUBMITTED_DIR.glob(f"*/{assignment}") if p.is_dir() or p.is_symlink())


def nbgrader(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    """在工作目录运行一条 nbgrader 命令, 捕获输出。"""
    bindir = Path(sys.executable).parent  # nbgrader 会从 PATH 里找 alembic, 虚拟环境的 bin 要在最前面
    exe = bindir / "nbgrader"
    cmd = [str(exe) if exe.exists() else "nbgrader", *args]
    env = dict(os.environ, PATH=f"{bindir}{os.pathsep}{os.environ.get('PATH', '')}")
    proc = subprocess.run(cmd, cwd=WORKDIR, capture_output=True, text=True, env=env)
    if check and proc.returncode != 0:
        raise InstructorError(f"命令失败: {' '.join(cmd)}\n{proc.stdout[-2000:]}\n{proc.stderr[-4000:]}")
    return proc
