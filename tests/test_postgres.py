"""PostgreSQL 成绩库 + 分片评分: Debian 的 PostgreSQL 服务器 (测试自己在 127.0.0.1 上启动, 密码认证),
两个分片在两个工作目录里 (模拟两台机器) 同时评分, 写同一个成绩库; 最后 `report` 导出全班成绩。

没有 PostgreSQL 时跳过 (make test 在 root 下会先用 apt-get 安装它)。
"""
from __future__ import annotations

import csv
import glob
import json
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from course.instructor.grader import in_shard, parse_shard
from course.grading import COURSE_ROOT, SOURCE_DIR
from course.instructor.workdir import InstructorError

WEEK = "week01_text"
INITDB = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))


def test_shards_partition_students():
    students = [f"s{i:03d}" for i in range(300)] + ["张三", "李四"]
    for n in (1, 2, 3, 7):
        parts = [{s for s in students if in_shard(s, (i, n))} for i in range(1, n + 1)]
        assert set().union(*parts) == set(students) and sum(map(len, parts)) == len(students)
        assert all(len(p) > 0 for p in parts)
    assert parse_shard("2/3") == (2, 3)
    for bad in ("0/2", "3/2", "a/b", "1"):
        with pytest.raises(InstructorError):
            parse_shard(bad)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def postgres():
    if not INITDB:
        pytest.skip("没有安装 PostgreSQL (Debian: apt-get install postgresql)")
    bindir = Path(INITDB[-1]).parent
    root = Path(tempfile.mkdtemp(prefix="course-pg-", dir="/tmp"))
    as_user: list[str] = []
    if os.geteuid() == 0:  # PostgreSQL 不肯以 root 运行
        pw = pwd.getpwnam("postgres")
        os.chown(root, pw.pw_uid, pw.pw_gid)
        as_user = ["runuser", "-u", "postgres", "--"]
    password, port = "s3cret-课程", _free_port()
    (root / "pw").write_text(password + "\n", encoding="utf-8")
    if as_user:
        os.chown(root / "pw", pwd.getpwnam("postgres").pw_uid, -1)
    run = lambda *cmd: subprocess.run([*as_user, *cmd], check=True, capture_output=True, text=True)
    run(str(bindir / "initdb"), "-D", str(root / "data"), "-U", "course", f"--pwfile={root / 'pw'}",
        "--auth=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8")
    run(str(bindir / "pg_ctl"), "-D", str(root / "data"), "-l", str(root / "log"), "-w", "start",
        "-o", f"-p {port} -k {root} -c listen_addresses=127.0.0.1")
    try:
        env = dict(os.environ, PGPASSWORD=password)
        subprocess.run([str(bindir / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "course", "gradebook"],
                       check=True, env=env, capture_output=True)
        bad = subprocess.run([str(bindir / "psql"), "-h", "127.0.0.1", "-p", str(port), "-U", "course", "-c", "select 1",
                              "gradebook"], env=dict(os.environ, PGPASSWORD="wrong"), capture_output=True, text=True)
        assert bad.returncode != 0, "服务器应当要求正确的密码 (password auth)"
        yield f"postgresql+psycopg2://course:{password}@127.0.0.1:{port}/gradebook"
    finally:
        subprocess.run([*as_user, str(bindir / "pg_ctl"), "-D", str(root / "data"), "-m", "immediate", "stop"],
                       capture_output=True)
        shutil.rmtree(root, ignore_errors=True)


def _course(workdir: Path, db_url: str, *args: str, wait: bool = True):
    env = dict(os.environ, COURSE_WORKDIR=str(workdir), COURSE_DB_URL=db_url,
               PATH=f"{Path(sys.executable).parent}:{os.environ['PATH']}")
    proc = subprocess.Popen([sys.executable, "-m", "course", *args], cwd=workdir, env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if wait:
        out, err = proc.communicate(timeout=1500)
        return proc.returncode, out, err
    return proc


def test_two_shards_grade_into_one_postgres_gradebook(postgres, tmp_path):
    a = tmp_path / "machine_a"
    a.mkdir()
    shutil.copy(COURSE_ROOT / "nbgrader_config.py", a)
    (a / "source").mkdir()
    shutil.copytree(SOURCE_DIR / WEEK, a / "source" / WEEK)
    shutil.copy(SOURCE_DIR / "header.ipynb", a / "source")
    for args in (["release"], ["demo-students"]):
        rc, out, err = _course(a, postgres, *args)
        assert rc == 0, out[-2000:] + err[-2000:]
    # 再交几份 perfect 的副本, 保证两个分片都有学生
    extra = [f"copy{i}" for i in range(12)]
    extra = [s for s in extra if in_shard(s, (2, 2))][:2] + [s for s in extra if in_shard(s, (1, 2))][:1]
    for s in extra:
        shutil.copytree(a / "submitted" / "perfect", a / "submitted" / s)
    b = tmp_path / "machine_b"
    shutil.copytree(a, b)  # 第二台机器: 同样的 source/release/submitted, 同一个成绩库
    # 只交到第二台机器上的两份 (都在第 2 片): 一份改了 np.allclose (应被标记), 一份 JSON 坏了 (评分失败)
    names = [f"only_b{i}" for i in range(40) if in_shard(f"only_b{i}", (2, 2))]
    sneaky, broken = names[0], names[1]
    nb_name = next((b / "submitted" / "perfect" / WEEK).glob("*.ipynb")).name
    nb = json.loads((b / "submitted" / "perfect" / WEEK / nb_name).read_text(encoding="utf-8"))
    answer = next(c for c in nb["cells"] if c["cell_type"] == "code"
                  and c.get("metadata", {}).get("nbgrader", {}).get("solution"))
    answer["source"] = "import numpy as np\nnp.allclose = lambda *a, **k: True\n" + "".join(answer["source"])
    for who, text in ((sneaky, json.dumps(nb, ensure_ascii=False)), (broken, '{"cells": [')):
        (b / "submitted" / who / WEEK).mkdir(parents=True)
        (b / "submitted" / who / WEEK / nb_name).write_text(text, encoding="utf-8")
    procs = [_course(w, postgres, "grade", "--workers", "1", "--shard", f"{i}/2", wait=False)
             for i, w in ((1, a), (2, b))]
    for p in procs:
        out, err = p.communicate(timeout=1500)
        assert p.returncode == 0, out[-3000:] + err[-3000:]
    graded = [{j["student"] for j in json.loads(p.read_text(encoding="utf-8"))["jobs"]}
              for p in (a / "grading-report-1-of-2.json", b / "grading-report-2-of-2.json")]
    assert graded[0] and graded[1] and graded[0].isdisjoint(graded[1])
    assert graded[0] | graded[1] == {"perfect", "alt", "blank", "buggy", *extra, sneaky, broken}
    # 第一台机器上的 report 看得到第二片的失败原因与篡改标记 (来自成绩库的复核表, 而不是本机的报告文件)
    rc, out, err = _course(a, postgres, "report")
    assert rc == 0, out[-2000:] + err[-2000:]
    assert "需要人工复核" in out and f"{sneaky}/{WEEK}/{nb_name}" in out and "monkeypatch" in out, out[-3000:]
    assert f"{broken}/{WEEK}: notebook 不是有效的 JSON" in out, out[-3000:]
    # 两人改好后重评那一片: 这一片的旧记录被替换, 标记与失败都消失
    nb_text = (b / "submitted" / sneaky / WEEK / nb_name).read_text(encoding="utf-8")
    (b / "submitted" / sneaky / WEEK / nb_name).write_text(
        nb_text.replace("np.allclose = lambda *a, **k: True\\n", ""), encoding="utf-8")
    shutil.copy(b / "submitted" / "perfect" / WEEK / nb_name, b / "submitted" / broken / WEEK / nb_name)
    rc, out, err = _course(b, postgres, "grade", "--workers", "1", "--shard", "2/2")
    assert rc == 0, out[-2000:] + err[-2000:]
    rc, out, err = _course(a, postgres, "report")
    assert rc == 0 and "没有需要复核的代码" in out and "评分失败" not in out, out[-3000:]
    with open(a / "grades.csv", encoding="utf-8") as f:
        scores = {r["student_id"]: (float(r["score"]), float(r["max_score"])) for r in csv.DictReader(f)
                  if r["assignment"] == WEEK}
    full = scores["perfect"][1]
    assert full == 20 and scores["perfect"][0] == full and scores["alt"][0] == full
    assert scores["blank"][0] == 0 and 0 < scores["buggy"][0] < full
    assert all(scores[s][0] == full for s in extra) and scores[sneaky][0] == scores[broken][0] == full
    assert not (a / "gradebook.db").exists() and not (b / "gradebook.db").exists(), "不应写到 SQLite"
