"""提交的检查 (submission check): 只收普通的 .ipynb 文件。

`submitted/<学生>/<作业>/` 里若有符号链接 (symlink)、设备、管道、套接字等非普通文件, 或学生目录、作业目录本身
是符号链接, 这份提交整个被拒绝 (写明原因并标记, 留给人工复核), 不交给 nbgrader: 否则 root 身份的评分会把
链接指向的东西 (source/、成绩库、别的学生的 notebook、/etc/shadow) 当作这个学生的作业评分,
或把它们复制进 autograded/ 与 feedback/ 交还给学生。LMS 的压缩包用 `unzip` 解开时会保留符号链接。

Example:
    >>> problems(Path("submitted"), "alice", "week01_text")   # doctest: +SKIP
    []
"""
from __future__ import annotations

import os
import stat
from pathlib import Path


def problems(submitted_dir: Path, student: str, assignment: str) -> list[str]:
    """这份提交里不可接受的东西 (中文说明); 空列表表示可以评分。"""
    out: list[str] = []
    for path in (submitted_dir / student, submitted_dir / student / assignment):
        st = os.lstat(path)
        if stat.S_ISLNK(st.st_mode):
            out.append(f"{path.relative_to(submitted_dir)} 是符号链接 (symlink), 不是普通目录")
        elif not stat.S_ISDIR(st.st_mode):
            out.append(f"{path.relative_to(submitted_dir)} 不是目录")
    if out:
        return out
    root = submitted_dir / student / assignment
    for base, dirs, files in os.walk(root, followlinks=False):
        for name in dirs + files:
            p = Path(base) / name
            mode = os.lstat(p).st_mode
            rel = p.relative_to(submitted_dir)
            if stat.S_ISLNK(mode):
                out.append(f"{rel} 是符号链接 (symlink) → {os.readlink(p)}")
            elif not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
                out.append(f"{rel} 不是普通文件 (设备、管道或套接字)")
    return out
