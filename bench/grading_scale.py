"""大班评分的规模估计 (grading at scale): 两个在本机测得的数, 外推到多节点的表用的就是它们。

1. 每核吞吐量 (submissions/min/core): `python -m course grade --workers 1` 评 K 名合成学生 (一份作业,
   perfect / alt / buggy / blank 轮流), 一个工作进程 = 一个核。两种算法: 按墙钟 (受机器上别的负载影响)
   与按 CPU 时间 (评分进程与它的全部子孙进程用掉的 user+sys 秒数, 与负载无关 = 一个独占的核能做到的);
   同时记下每片的固定开销 (进程启动、答案键、沙箱准备: 整条命令的时间减去评分本身的时间)。
2. 成绩库写入速率 (gradebook writes/s, 并发分片): 在一个本机的 PostgreSQL 服务器上 (临时目录, 只监听
   127.0.0.1, 结束即删), C 个进程同时写提交 —— 每份提交做 nbgrader autograde 在成绩库里做的那些写
   (新建提交 → 每个评分单元一行成绩 → 写 auto_score → 提交事务), 每份提交开关一次连接 (nbgrader 每次
   autograde 都新建 Gradebook)。报告各并发度下每秒写完的提交数, 与 PostgreSQL 的 max_connections。

本机只有 2 核且与别的工作共用: 墙钟数字在负载下测得 (结果里记下 load average), 外推用 CPU 时间的那个。

Example:
    $ python -m bench.grading_scale --students 6 --writes 200 --concurrency 1 4 16
"""
from __future__ import annotations

import argparse
import contextlib
import glob
import json
import multiprocessing as mp
import os
import pwd
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.grading import _course, make_class

RESULTS = Path(__file__).resolve().parent / "results"


def per_core_rate(root: Path, assignment: str, students: int) -> dict:
    wd = root / "class"
    wd.mkdir()
    make_class(wd, assignment, students)
    ru0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    _course(wd, "grade", "--workers", "1")
    total = time.perf_counter() - t
    ru1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (ru1.ru_utime - ru0.ru_utime) + (ru1.ru_stime - ru0.ru_stime)
    report = json.loads((wd / "grading-report.json").read_text(encoding="utf-8"))
    per_sub = [j["seconds"] for j in report["jobs"]]
    overhead = total - report["seconds"]
    return {"assignment": assignment, "students": students, "workers": 1, "sandboxed": report["sandboxed"],
            "command_seconds": round(total, 1), "grading_seconds": report["seconds"],
            "wall_per_submission_seconds": round(sum(per_sub) / len(per_sub), 2),
            "fixed_overhead_seconds": round(overhead, 1),
            "submissions_per_min_per_core_wall": round(students / report["seconds"] * 60, 2),
            # CPU 时间 (评分进程与它等到的全部子孙进程: 工作进程、内核): 与机器上别的负载无关
            "cpu_seconds_total": round(cpu, 1),
            "cpu_seconds_per_submission": round(cpu / students, 2),
            "submissions_per_min_per_core_cpu": round(students / cpu * 60, 2)}


@contextlib.contextmanager
def postgres_server():
    """本机临时的 PostgreSQL (Debian 的 initdb); 以 postgres 用户运行 (root 下), 结束时停掉并删除。"""
    initdb = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not initdb:
        raise RuntimeError("没有 PostgreSQL (apt-get install postgresql, 或 make postgres)")
    bindir = Path(initdb[-1]).parent
    root = Path(tempfile.mkdtemp(prefix="bench-pg-", dir="/tmp"))
    as_user: list[str] = []
    if os.geteuid() == 0:
        pw = pwd.getpwnam("postgres")
        os.chown(root, pw.pw_uid, pw.pw_gid)
        as_user = ["runuser", "-u", "postgres", "--"]
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    run = lambda *c: subprocess.run([*as_user, *c], check=True, capture_output=True, text=True)
    run(str(bindir / "initdb"), "-D", str(root / "data"), "-U", "bench", "--auth=trust", "-E", "UTF8",
        "--locale=C.UTF-8")
    run(str(bindir / "pg_ctl"), "-D", str(root / "data"), "-l", str(root / "log"), "-w", "start",
        "-o", f"-p {port} -k {root} -c listen_addresses=127.0.0.1")
    try:
        run(str(bindir / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "bench", "gradebook")
        yield f"postgresql+psycopg2://bench@127.0.0.1:{port}/gradebook", root / "data"
    finally:
        subprocess.run([*as_user, str(bindir / "pg_ctl"), "-D", str(root / "data"), "-m", "immediate", "stop"],
                       capture_output=True)
        shutil.rmtree(root, ignore_errors=True)


def server_cpu_seconds(datadir: Path) -> float:
    """PostgreSQL 服务器一侧用掉的 CPU 秒数: postmaster (含已退出的连接进程, cutime/cstime) + 它现在的子进程。"""
    tick = os.sysconf("SC_CLK_TCK")
    master = int((datadir / "postmaster.pid").read_text().split()[0])

    def stat(pid: int) -> list[str]:
        text = Path(f"/proc/{pid}/stat").read_text()
        return text[text.rindex(")") + 2:].split()

    fields = stat(master)
    total = sum(int(fields[i]) for i in (11, 12, 13, 14))  # utime stime cutime cstime
    for d in Path("/proc").iterdir():
        if d.name.isdigit() and int(d.name) != master:
            try:
                f = stat(int(d.name))
            except (OSError, ValueError):
                continue
            if int(f[1]) == master:
                total += int(f[11]) + int(f[12])
    return total / tick


def _writer(args: tuple) -> int:
    """一个 "分片": 写 n 份提交, 每份开关一次连接, 像 nbgrader autograde 那样。"""
    import warnings

    warnings.filterwarnings("ignore")
    from nbgrader.api import Gradebook

    url, assignment, prefix, n, start_at = args
    while time.time() < start_at:  # 所有进程同时开始
        time.sleep(0.005)
    for i in range(n):
        with Gradebook(url) as gb:
            gb.update_or_create_student(f"{prefix}-{i:05d}")
            sub = gb.add_submission(assignment, f"{prefix}-{i:05d}")
            for nb in sub.notebooks:
                for g in nb.grades:
                    g.auto_score = g.max_score
            gb.db.commit()
    return n


def write_rate(root: Path, assignment: str, writes: int, levels: list[int]) -> dict:
    wd = root / "pg"
    wd.mkdir()
    shutil.copy(Path(__file__).resolve().parents[1] / "nbgrader_config.py", wd)
    from course.grading import SOURCE_DIR

    (wd / "source").mkdir()
    shutil.copytree(SOURCE_DIR / assignment, wd / "source" / assignment)
    shutil.copy(SOURCE_DIR / "header.ipynb", wd / "source")
    out = {"writes_per_level": writes, "levels": []}
    with postgres_server() as (url, datadir):
        os.environ["COURSE_DB_URL"] = url
        try:
            subprocess.run([sys.executable, "-m", "course", "release"], cwd=wd, check=True, capture_output=True,
                           env=dict(os.environ, COURSE_WORKDIR=str(wd), COURSE_DB_URL=url,
                                    PATH=f"{Path(sys.executable).parent}:{os.environ['PATH']}"))
        finally:
            os.environ.pop("COURSE_DB_URL", None)
        import sqlalchemy as sa
        from nbgrader.api import Gradebook

        with Gradebook(url) as gb:
            a = gb.find_assignment(assignment)
            out["grade_cells_per_submission"] = sum(len(nb.grade_cells) for nb in a.notebooks)
        engine = sa.create_engine(url)
        with engine.connect() as conn:
            out["max_connections"] = int(conn.execute(sa.text("show max_connections")).scalar())
        ctx = mp.get_context("spawn")
        for c in levels:
            per = max(1, writes // c)
            with ctx.Pool(c) as pool:
                start_at = time.time() + 3.0 + 0.2 * c  # 等全部进程 import 完
                cpu0 = server_cpu_seconds(datadir)
                done = sum(pool.map(_writer, [(url, assignment, f"c{c}p{k}", per, start_at) for k in range(c)]))
                secs = time.time() - start_at
            time.sleep(1)  # 连接进程退出、被 postmaster 回收后, 它们的 CPU 时间才算进 cutime
            cpu = server_cpu_seconds(datadir) - cpu0
            with engine.connect() as conn:
                rows = conn.execute(sa.text("select count(*) from submitted_assignment s join student t "
                                            "on s.student_id = t.id where t.id like :p"),
                                    {"p": f"c{c}p%"}).scalar()
            assert rows == done, (rows, done)
            out["levels"].append({"concurrency": c, "submissions": done, "seconds": round(secs, 2),
                                  "submissions_per_s": round(done / secs, 1),
                                  "server_cpu_ms_per_submission": round(cpu / done * 1000, 1)})
            print(f"  {c} 个并发写入者: {done} 份提交 {secs:.1f} s ({done / secs:.1f} 份/秒), "
                  f"服务器 CPU {cpu / done * 1000:.1f} ms/份", flush=True)
        engine.dispose()
    return out


def projection(result: dict, weeks: int = 8, cores_per_node: int = 16,
               classes: tuple[int, ...] = (100, 1000, 10000), nodes: tuple[int, ...] = (1, 8, 64)) -> list[dict]:
    """由测得的数外推墙钟时间: 每个节点一片 (数组任务), 每片 cores_per_node 个工作进程。

    一片的时间 = 固定开销 + ceil(这一片的提交数 / 工作进程数) × 每份提交的 CPU 秒数 (一个独占的核);
    全体的时间 = 最慢的一片 (学生按 md5 分片, 这里用 s00000… 这样的名字实际分一次, 取最大的一片);
    成绩库: 需要的写入速率 = 同时在评的工作进程数 / 每份的秒数, 乘以测得的服务器 CPU 毫秒/份 = 需要的服务器核数;
    同时开始的工作进程数 (各片一起开始时的连接洪峰) 与 max_connections 比。
    """
    from course.instructor.grader import in_shard

    # 每份提交占一个核的秒数, 两种估计: 保守 = 安静机器上测得的墙钟 (bench/results/grading.json: 2 核 2 个工作进程,
    # 含沙箱与反馈); 乐观 = 本次测得的 CPU 时间 (假设一个独占的核上墙钟 = CPU 时间)
    quiet = json.loads((RESULTS / "grading.json").read_text(encoding="utf-8"))
    wall = quiet["ours"]["seconds"] * quiet["workers"] / quiet["students"]
    per = result["per_core"]["cpu_seconds_per_submission"]
    overhead = result["per_core"]["fixed_overhead_seconds"]
    server_ms = max(lv["server_cpu_ms_per_submission"] for lv in result["gradebook"]["levels"])
    max_conn = result["gradebook"]["max_connections"]
    rows = []
    for n_students in classes:
        names = [f"s{i:05d}" for i in range(n_students)]
        for n in nodes:
            largest = max(sum(in_shard(s, (i, n)) for s in names) for i in range(1, n + 1)) * weeks
            workers = n * cores_per_node
            busy = min(workers, n_students * weeks)
            rounds = -(-largest // cores_per_node)
            slow, fast = overhead + rounds * wall, overhead + rounds * per
            rows.append({"students": n_students, "weeks": weeks, "nodes": n, "cores": workers,
                         "submissions": n_students * weeks, "largest_shard": largest, "rounds": rounds,
                         "minutes_wall_rate": round(slow / 60, 1), "minutes_cpu_rate": round(fast / 60, 1),
                         "gradebook_writes_per_s": round(busy / per, 1),
                         "gradebook_server_cores": round(busy / per * server_ms / 1000, 2),
                         "start_burst_connections": busy, "max_connections": max_conn})
    return {"seconds_per_submission_wall": round(wall, 1), "seconds_per_submission_cpu": per,
            "fixed_overhead_seconds": overhead, "server_cpu_ms_per_submission": server_ms,
            "cores_per_node": cores_per_node, "rows": rows}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.grading_scale")
    parser.add_argument("--assignment", default="week01_text")
    parser.add_argument("--students", type=int, default=6)
    parser.add_argument("--writes", type=int, default=200, help="每个并发度写多少份提交")
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 4, 16])
    parser.add_argument("--skip-grading", action="store_true", help="只测成绩库写入 (调试用)")
    parser.add_argument("--project-only", action="store_true", help="不测量, 只按已有的结果重算外推表")
    args = parser.parse_args(argv)
    path = RESULTS / "grading_scale.json"
    if args.project_only:
        result = json.loads(path.read_text(encoding="utf-8"))
        result["projection"] = projection(result)
        path.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(json.dumps(result["projection"], ensure_ascii=False, indent=1))
        return 0

    root = Path(tempfile.mkdtemp(prefix="bench-scale-"))
    result = {"cpus": os.cpu_count(), "load_average_before": [round(x, 2) for x in os.getloadavg()],
              "date": time.strftime("%Y-%m-%d", time.gmtime())}
    try:
        if not args.skip_grading:
            result["per_core"] = per_core_rate(root, args.assignment, args.students)
            print(f"每核: {result['per_core']}", flush=True)
        result["gradebook"] = write_rate(root, args.assignment, args.writes, args.concurrency)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    result["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    if "per_core" in result:
        result["projection"] = projection(result)
    if args.skip_grading and path.exists():  # 保留上次测得的每核吞吐量
        old = json.loads(path.read_text(encoding="utf-8"))
        if "per_core" in old:
            result["per_core"] = old["per_core"]
            result["projection"] = projection(result)
    RESULTS.mkdir(exist_ok=True)
    path.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(result, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
