"""在一个真的 Slurm 集群上分片评分 (sharded grading on a real Slurm cluster), 共用一个真的 PostgreSQL 成绩库。

集群 (munge + slurmctld + slurmd, 单节点 localhost) 由 tests/slurm_cluster.py 在临时目录里启动、停止;
PostgreSQL 服务器与 tests/test_postgres.py 用同一个夹具。作业脚本就是仓库里交给讲师的那两份
(course/instructor/deploy/slurm_grade.sbatch, slurm_report.sbatch), 只把每个任务的 CPU 数改成 1。

一个小班 (week03_word2vec, 8–9 名学生: perfect, alt, buggy, blank, 一份篡改 np.allclose 的, 一份 JSON 坏掉的,
perfect 的副本把两片都补到至少 3 人), 两片:
- 集群评出的每个学生每个评分单元的分数, 与同一个班在一台机器上 `python -m course grade` (SQLite) 的一样;
  report 作业 (--dependency=afterok) 列出两片的失败原因与篡改标记; 没有重复的行。
- 重评一片是幂等的 (成绩库逐行相同)。
- 一个数组任务评到一半被 scancel, 再 scontrol requeue: 成绩库最后一致, 与没有中断的一样; 依赖整个数组的
  report 作业因此永远等不到 (DependencyNeverSatisfied), 改为依赖各个任务重新提交。
- 一片评到一半成绩库连接断开 (测试自己的 TCP 转发被关掉): 这一片以清楚的中文原因失败, 恢复后重跑得到同样的成绩。

没有 Slurm/munge 或不是 root 时跳过 (make slurm 在 root 下会先用 apt-get 装上)。评分作业继承 slurmd 的 nice 10。
"""
from __future__ import annotations

import json
import os
import shutil
import socket
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import pytest

from slurm_cluster import Cluster, missing_reason
from test_postgres import _course, postgres  # noqa: F401  (夹具: 测试自己启动的 PostgreSQL 服务器)

from course.grading import COURSE_ROOT, SOURCE_DIR
from course.instructor.grader import in_shard

WEEK = "week03_word2vec"  # 自动评分模式下最快的一周 (bench/results/notebooks.json), 测试几分钟
DEPLOY = COURSE_ROOT / "course" / "instructor" / "deploy"
SHARDS = 2



def test_lost_gradebook_connection_is_recognised_without_leaking_the_password(monkeypatch):
    """不需要集群: 连接出错的日志特征、连不上时 db_reachable() 为假、打印的地址里没有密码。"""
    from course.instructor import grader

    assert grader.db_connection_lost('(psycopg2.OperationalError) connection to server at "10.0.0.5", port 5432 '
                                      "failed: Connection refused")
    assert grader.db_connection_lost("server closed the connection unexpectedly")
    assert not grader.db_connection_lost("AssertionError: 结果不对") and not grader.db_connection_lost("")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # 没有人在听的端口
    monkeypatch.setenv("COURSE_DB_URL", f"postgresql+psycopg2://course:s3cret@127.0.0.1:{port}/gradebook")
    assert not grader.db_reachable()
    assert grader.shown_db_url() == f"postgresql+psycopg2://course:***@127.0.0.1:{port}/gradebook"
    err = str(grader._db_lost_error("测试", (2, 4)))
    assert "成绩库连接断开" in err and "--shard 2/4" in err and "s3cret" not in err
    monkeypatch.setenv("COURSE_DB_URL", "sqlite:////nonexistent-dir/for/sure/gradebook.db")
    assert not grader.db_reachable()


# ---------------------------------------------------------------- 夹具: 集群、班级、单机参考成绩
@pytest.fixture(scope="module")
def cluster():
    if missing_reason():
        pytest.skip(missing_reason())
    c = Cluster.start(cpus=min(2, os.cpu_count() or 1))
    try:
        yield c
    finally:
        c.stop()
    assert all(p.poll() is not None for p in c.procs.values()), "集群的守护进程没有停干净"


def _pick(prefix: str, shard: int, taken: set[str]) -> str:
    return next(f"{prefix}{i}" for i in range(1000) if in_shard(f"{prefix}{i}", (shard, SHARDS))
                and f"{prefix}{i}" not in taken)


@pytest.fixture(scope="module")
def klass(tmp_path_factory):
    """一个班的课程目录 (模板): source/, submitted/ (8–9 名学生, 每片至少 3 名)。还没有 release (各成绩库各自登记)。"""
    base = tmp_path_factory.mktemp("class")
    shutil.copy(COURSE_ROOT / "nbgrader_config.py", base)
    # 共用的 2 核机器上负载可以到 20 以上: 30 s 的单元超时会让 import torch 超时, 单机与集群的分数因此不同
    # (与分片无关)。这里比较的是分片评分本身, 所以两边都放宽到 300 s。
    with open(base / "nbgrader_config.py", "a", encoding="utf-8") as f:
        f.write("\nc.Execute.timeout = 300  # tests/test_slurm.py: 负载很高的共用机器\n")
    (base / "source").mkdir()
    shutil.copytree(SOURCE_DIR / WEEK, base / "source" / WEEK)
    shutil.copy(SOURCE_DIR / "header.ipynb", base / "source")
    for args in (["release"], ["demo-students"]):
        rc, out, err = _course(base, f"sqlite:///{base / 'scratch.db'}", *args)
        assert rc == 0, out[-2000:] + err[-2000:]
    sub = base / "submitted"
    nb_name = next((sub / "perfect" / WEEK).glob("*.ipynb")).name
    nb = json.loads((sub / "perfect" / WEEK / nb_name).read_text(encoding="utf-8"))
    answer = next(c for c in nb["cells"] if c["cell_type"] == "code"
                  and c.get("metadata", {}).get("nbgrader", {}).get("solution"))
    answer["source"] = "import numpy as np\nnp.allclose = lambda *a, **k: True\n" + "".join(answer["source"])
    taken = {"perfect", "alt", "buggy", "blank"}
    sneaky = _pick("sneaky", 1, taken)   # 篡改标记在第 1 片, 评分失败在第 2 片
    broken = _pick("broken", 2, taken)
    for who, text in ((sneaky, json.dumps(nb, ensure_ascii=False)), (broken, '{"cells": [')):
        (sub / who / WEEK).mkdir(parents=True)
        (sub / who / WEEK / nb_name).write_text(text, encoding="utf-8")
    taken |= {sneaky, broken}
    for shard in (1, 2):  # perfect 的副本把两片都补到至少 3 人
        while sum(in_shard(s, (shard, SHARDS)) for s in taken) < 3:
            copy = _pick("copy", shard, taken)
            shutil.copytree(sub / "perfect", sub / copy)
            taken.add(copy)
    (base / "scratch.db").unlink()
    shards = {s: 1 if in_shard(s, (1, SHARDS)) else 2 for s in taken}
    assert len(taken) <= 9 and min(Counter(shards.values()).values()) >= 3, shards
    return {"dir": base, "students": shards, "sneaky": sneaky, "broken": broken, "notebook": nb_name}


def _workdir(klass, name: str, db_url: str) -> Path:
    """这个班的一份课程目录, 作业登记进 db_url (course release)。"""
    wd = klass["dir"].parent / name
    shutil.copytree(klass["dir"], wd)
    rc, out, err = _course(wd, db_url, "release")
    assert rc == 0, out[-2000:] + err[-2000:]
    return wd


def _new_db(url: str, name: str) -> str:
    """同一个 PostgreSQL 服务器上再建一个库 (每个场景一个干净的成绩库)。"""
    import sqlalchemy as sa

    engine = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return url.rsplit("/", 1)[0] + f"/{name}"


def snapshot(db_url: str) -> dict:
    """成绩库里这个作业的全部内容: 每个 (学生, notebook, 评分单元) 的分数, 复核表 (不含片号与时间), 行数。"""
    import sqlalchemy as sa
    from nbgrader.api import Gradebook

    grades = {}
    with Gradebook(db_url) as gb:
        max_score = gb.find_assignment(WEEK).max_score
        subs = gb.find_assignment(WEEK).submissions
        students = [s.student.id for s in subs]
        for s in subs:
            for nb in s.notebooks:
                for g in nb.grades:
                    grades[(s.student.id, nb.name, g.name)] = g.score
    engine = sa.create_engine(db_url)
    with engine.connect() as conn:
        rows = conn.execute(sa.text("select student, assignment, kind, notebook, cell, line, rule, code "
                                    "from course_review")).all()
        n_grades = conn.execute(sa.text("select count(*) from grade")).scalar()
    engine.dispose()
    review = sorted(tuple(r) for r in rows)
    return {"grades": grades, "students": sorted(students), "review": review, "n_grade_rows": n_grades,
            "max_score": max_score}


def _assert_clean(snap: dict) -> None:
    """没有重复: 每个学生一份提交, 复核表每行唯一, grade 表的行数 = 评分单元数。"""
    assert len(snap["students"]) == len(set(snap["students"])), snap["students"]
    dup = [r for r, n in Counter(snap["review"]).items() if n > 1]
    assert not dup, dup
    assert snap["n_grade_rows"] == len(snap["grades"])


def _restricted(snap: dict, students: set[str]) -> dict:
    return {"grades": {k: v for k, v in snap["grades"].items() if k[0] in students}, "max_score": snap["max_score"],
            "students": [s for s in snap["students"] if s in students],
            "review": [r for r in snap["review"] if r[0] in students]}


@pytest.fixture(scope="module")
def reference(klass):
    """单机评分 (一台机器, SQLite, 不分片): 与 make grade 同一条命令。"""
    url = f"sqlite:///{klass['dir'].parent / 'single' / 'gradebook.db'}"
    wd = _workdir(klass, "single", url)
    rc, out, err = _course(wd, url, "grade", "--workers", "2")
    assert rc == 0, out[-3000:] + err[-3000:]
    snap = snapshot(url)
    _assert_clean(snap)
    assert set(snap["students"]) == set(klass["students"]) - {klass["broken"]} or \
        set(snap["students"]) == set(klass["students"]), snap["students"]
    perfect = {k[2]: v for k, v in snap["grades"].items() if k[0] == "perfect"}
    assert sum(perfect.values()) == snap["max_score"] > 0
    assert sum(v for k, v in snap["grades"].items() if k[0] == "blank") == 0
    return snap


# ---------------------------------------------------------------- 提交作业
def _env(wd: Path, db_url: str) -> dict:
    return {"COURSE_WORKDIR": str(wd), "COURSE_DB_URL": db_url, "COURSE_PYTHON": sys.executable,
            "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}"}


def submit_array(cluster: Cluster, wd: Path, db_url: str, array: str = f"0-{SHARDS - 1}") -> str:
    return cluster.sbatch(f"--array={array}", "--cpus-per-task=1", str(DEPLOY / "slurm_grade.sbatch"), str(SHARDS),
                          env=_env(wd, db_url), cwd=wd)


def submit_report(cluster: Cluster, wd: Path, db_url: str, after: str, wait: bool = True) -> str:
    return cluster.sbatch(*(["--wait"] if wait else []), f"--dependency=afterok:{after}",
                          str(DEPLOY / "slurm_report.sbatch"), env=_env(wd, db_url), cwd=wd, timeout=2400)


def _outputs(wd: Path, pattern: str) -> str:
    return "\n".join(f"==> {p.name}\n{p.read_text(encoding='utf-8', errors='replace')[-4000:]}"
                     for p in sorted(wd.glob(pattern)))


@pytest.fixture(scope="module")
def cluster_run(cluster, postgres, klass):  # noqa: F811
    """两片的数组 + 依赖它的 report 作业 (sbatch --wait), 写进测试的 PostgreSQL 成绩库。"""
    wd = _workdir(klass, "cluster", postgres)
    array = submit_array(cluster, wd, postgres)
    report = submit_report(cluster, wd, postgres, array)
    states = cluster.wait_done(array, timeout=600)
    assert set(states.values()) == {"COMPLETED"}, (states, _outputs(wd, "grade-*.out"))
    assert cluster.job_states(report) == {report: "COMPLETED"}, _outputs(wd, "report-*.out")
    return {"dir": wd, "url": postgres, "array": array, "report": (wd / f"report-{report}.out").read_text("utf-8")}


# ---------------------------------------------------------------- 测试
def test_cluster_grades_equal_single_machine(cluster_run, reference, klass):
    wd, out = cluster_run["dir"], cluster_run["report"]
    snap = snapshot(cluster_run["url"])
    _assert_clean(snap)
    assert snap == reference
    # 每个数组任务评了自己那一片, 互不重叠, 合起来是全班; 每个任务的工作进程数 = 分到的 CPU 数 (1)
    graded = {}
    for i in (1, 2):
        rep = json.loads((wd / f"grading-report-{i}-of-{SHARDS}.json").read_text(encoding="utf-8"))
        assert rep["workers"] == 1 and rep["shard"] == [i, SHARDS]
        graded[i] = {j["student"] for j in rep["jobs"]}
    assert graded[1].isdisjoint(graded[2]) and graded[1] | graded[2] == set(klass["students"])
    assert all(klass["students"][s] == i for i, ss in graded.items() for s in ss)
    # report 作业 (afterok) 列出两片的标记与失败原因, 每个学生在成绩表里恰好一行
    sneaky, broken, nb = klass["sneaky"], klass["broken"], klass["notebook"]
    assert "需要人工复核" in out and f"{sneaky}/{WEEK}/{nb}" in out and "monkeypatch" in out, out[-3000:]
    assert f"{broken}/{WEEK}: notebook 不是有效的 JSON" in out, out[-3000:]
    table = out.split("评分失败 (grading failed)")[0]
    for s in klass["students"]:
        assert sum(line.split()[0] == s for line in table.splitlines() if line.strip()) == 1, (s, out[-3000:])
    import csv

    with open(wd / "grades.csv", encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r["assignment"] == WEEK]
    assert Counter(r["student_id"] for r in rows) == Counter(set(reference["students"]) | {broken}) or \
        Counter(r["student_id"] for r in rows) == Counter(reference["students"]), rows
    for r in rows:
        expected = sum(v for k, v in reference["grades"].items() if k[0] == r["student_id"])
        assert float(r["score"]) == expected, (r, expected)


def test_regrading_a_shard_is_idempotent(cluster, cluster_run, klass):
    before, t0 = snapshot(cluster_run["url"]), time.time()
    job = submit_array(cluster, cluster_run["dir"], cluster_run["url"], array="1")  # 只重评第 2 片
    states = cluster.wait_done(job, timeout=600)
    assert set(states.values()) == {"COMPLETED"}, _outputs(cluster_run["dir"], f"grade-{job}_*.out")
    second = {s for s, i in klass["students"].items() if i == 2}
    assert _fed_back(cluster_run["dir"], second, t0) == len(second) - 1  # 真的重评了 (坏掉的那份没有反馈)
    after = snapshot(cluster_run["url"])
    _assert_clean(after)
    assert after == before


def _fed_back(wd: Path, students: set[str], since: float) -> int:
    """这一次评完的份数: 反馈 (评完一份才生成; 开始评一份时先删掉旧的) 比 since 新的学生数。"""
    return sum(1 for s in students for f in (wd / "feedback" / s / WEEK).glob("*.html") if f.stat().st_mtime > since)


def _wait_for(cond, what: str, timeout: float = 600) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if cond():
            return
        time.sleep(1)
    raise TimeoutError(what)


def test_cancelled_and_requeued_task_leaves_consistent_gradebook(cluster, cluster_run, klass, reference):
    """第 2 片重评到一半 scancel, 再 scontrol requeue: 成绩库最后与没有中断时一样。"""
    wd, url = cluster_run["dir"], cluster_run["url"]
    second = {s for s, i in klass["students"].items() if i == 2}
    t0 = time.time()
    array = submit_array(cluster, wd, url, array="1")
    report = submit_report(cluster, wd, url, array, wait=False)
    task = f"{array}_1"
    _wait_for(lambda: _fed_back(wd, second, t0) >= 1, "第 2 片一直没有评完第一份")
    assert cluster.job_states(task)[task] == "RUNNING"
    cluster.run("scancel", task)
    _wait_for(lambda: cluster.job_states(task)[task] == "CANCELLED", "scancel 没有生效", 120)
    cut = _fed_back(wd, second, t0)
    assert 1 <= cut < len(second) - 1, f"应当在评到一半时取消 (已评 {cut}/{len(second) - 1} 份能评的)"
    t1 = time.time()
    cluster.run("scontrol", "requeue", task)
    states = cluster.wait_done(array, timeout=900)
    assert states == {task: "COMPLETED"}, (states, _outputs(wd, f"grade-{array}_*.out"))
    assert "第 1 次重启" in (wd / f"grade-{array}_1.out").read_text(encoding="utf-8")
    assert _fed_back(wd, second, t1) == len(second) - 1, "重排之后应当从头评完这一片"
    # 被取消过的任务让依赖整个数组的 afterok 永远不满足 (Slurm 22.05 的行为, 重排成功之后也一样):
    # 撤掉它, 改为依赖各个任务 (afterok:<数组号>_<序号>) 重新提交 report
    assert cluster.job_states(report)[report] == "PENDING"
    assert "DependencyNeverSatisfied" in cluster.run("squeue", "-h", "-j", report, "-o", "%r").stdout
    cluster.run("scancel", report)
    report = submit_report(cluster, wd, url, task)
    assert cluster.job_states(report) == {report: "COMPLETED"}, _outputs(wd, "report-*.out")
    snap = snapshot(url)
    _assert_clean(snap)
    assert snap == reference


class _Proxy:
    """127.0.0.1 上的 TCP 转发 (到 PostgreSQL); close() 断开全部连接并拒绝新的 = 成绩库连接断开。"""

    def __init__(self, upstream: tuple[str, int], port: int = 0):
        self.upstream, self.conns = upstream, []
        self.server = socket.create_server(("127.0.0.1", port))
        self.port = self.server.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.server.accept()
            except OSError:
                return
            up = socket.create_connection(self.upstream)
            self.conns += [client, up]
            for a, b in ((client, up), (up, client)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    @staticmethod
    def _pump(a: socket.socket, b: socket.socket) -> None:
        try:
            while data := a.recv(65536):
                b.sendall(data)
        except OSError:
            pass
        finally:
            for s in (a, b):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def close(self) -> None:
        self.server.close()
        for s in self.conns:
            try:
                s.shutdown(socket.SHUT_RDWR)
                s.close()
            except OSError:
                pass


def test_shard_fails_clearly_when_gradebook_connection_drops(cluster, postgres, klass, reference):  # noqa: F811
    import sqlalchemy as sa

    direct = _new_db(postgres, "dropped")
    u = sa.engine.make_url(direct)
    proxy = _Proxy((u.host, u.port))
    url = direct.replace(f":{u.port}/", f":{proxy.port}/")
    wd = _workdir(klass, "dropped", url)
    second = {s for s, i in klass["students"].items() if i == 2}
    job = submit_array(cluster, wd, url, array="1")
    log = wd / f"grade-{job}_1.out"
    # 评分一开始 (查过成绩库、工作进程已经在评第一份) 就断开: 后面的提交在 autograde 里连不上成绩库
    _wait_for(lambda: log.exists() and "评分 (autograde)" in log.read_text(encoding="utf-8"), "第 2 片一直没有开始评分")
    proxy.close()  # 成绩库 "断网"
    states = cluster.wait_done(job, timeout=900)
    out = log.read_text(encoding="utf-8")
    assert states == {f"{job}_1": "FAILED"}, (states, out[-3000:])
    assert "成绩库连接断开 (gradebook connection lost)" in out and "重新运行同一片 (--shard 2/2)" in out, out[-3000:]
    assert "份提交因此没有写进成绩库" in out, out[-3000:]  # 不是记成学生的评分失败
    assert "s3cret" not in out, "错误信息里不能有成绩库的密码"
    assert not (wd / f"grading-report-2-of-{SHARDS}.json").exists()
    # 恢复连接 (同一个端口), 重跑同一片: 与单机评分一样
    proxy = _Proxy((u.host, u.port), port=proxy.port)
    try:
        job = submit_array(cluster, wd, url, array="1")
        states = cluster.wait_done(job, timeout=900)
        assert states == {f"{job}_1": "COMPLETED"}, _outputs(wd, f"grade-{job}_*.out")
    finally:
        proxy.close()
    snap = snapshot(direct)
    _assert_clean(snap)
    assert snap == {**_restricted(reference, second), "n_grade_rows": snap["n_grade_rows"]}
