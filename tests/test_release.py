"""make release 重新生成学生版时 release/<作业>/ 从不消失 (issue 16: 文件浏览器停在里面的 JupyterLab 会弹出
"Directory not found"), 没变的文件不动, 输出与仓库里提交的 release/ 逐字节相同。"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

from course.grading import COURSE_ROOT
from course.instructor.pipeline import sync_tree

WEEK = "week01_text"


def _release(course_dir: Path) -> None:
    env = dict(os.environ, COURSE_WORKDIR=str(course_dir))
    env.pop("COURSE_DB_URL", None)
    proc = subprocess.run([sys.executable, "-m", "course", "release", WEEK], cwd=course_dir, env=env,
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]


def test_release_directory_never_disappears(tmp_path):
    course_dir = tmp_path / "course"
    course_dir.mkdir()
    shutil.copy(COURSE_ROOT / "nbgrader_config.py", course_dir)
    shutil.copytree(COURSE_ROOT / "source", course_dir / "source")
    _release(course_dir)
    target = course_dir / "release" / WEEK
    nb = next(target.glob("*.ipynb"))
    committed = COURSE_ROOT / "release" / WEEK / nb.name
    assert nb.read_bytes() == committed.read_bytes()
    inode, mtime = target.stat().st_ino, nb.stat().st_mtime_ns

    # 第二次生成时, 另一个线程每 5 ms 看一次目录与 notebook 还在不在 (就像 JupyterLab 的文件浏览器在轮询)
    gone, stop = [], threading.Event()

    def watch() -> None:
        while not stop.is_set():
            if not target.is_dir() or not nb.is_file():
                gone.append(True)
            stop.wait(0.005)
    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        _release(course_dir)
    finally:
        stop.set()
        watcher.join()
    assert not gone, "重新生成时 release/ 里的目录或 notebook 消失过"
    assert target.stat().st_ino == inode
    assert nb.stat().st_mtime_ns == mtime, "内容没变的学生版不该被重写"
    assert nb.read_bytes() == committed.read_bytes()
    assert not any(p.name.endswith(".tmp") for p in target.iterdir())


def test_sync_tree_replaces_changed_and_removes_extra_files(tmp_path):
    src, dest = tmp_path / "src", tmp_path / "dest"
    (src / "data").mkdir(parents=True)
    (src / "a.ipynb").write_text("new")
    (src / "data" / "x.txt").write_text("same")
    (dest / "data").mkdir(parents=True)
    (dest / "a.ipynb").write_text("old")
    (dest / "data" / "x.txt").write_text("same")
    (dest / "stale.ipynb").write_text("gone from source")
    (dest / "old_dir").mkdir()
    (dest / "old_dir" / "f").write_text("1")
    inode = dest.stat().st_ino
    changed = sync_tree(src, dest)
    assert sorted(changed) == ["a.ipynb", "old_dir", "old_dir/f", "stale.ipynb"]
    assert (dest / "a.ipynb").read_text() == "new" and (dest / "data" / "x.txt").read_text() == "same"
    assert not (dest / "stale.ipynb").exists() and not (dest / "old_dir").exists()
    assert dest.stat().st_ino == inode
    assert sync_tree(src, dest) == []
