"""并行评分 (parallel grading): 多个工作进程、分片、进度条、篡改标记、评分报告。

`python -m course grade [--workers N] [--shard i/N] [--sandbox auto|on|off]`:

1. 答案键 (course/instructor/answer_key.py) 先在评分进程里备好 (有缓存); 参考解答失败是讲师的错误 → 退出码 2。
2. 沙箱 (course/instructor/sandbox.py): `auto` 在 Linux + root 时启用, 否则退回普通内核并在报告里写明。
3. 每个 (学生, 作业) 是一个任务, 交给 N 个工作进程; 每个工作进程一个 nbgrader API 对象
   (启动一次, 省掉每次 ~3.5 s 的 nbgrader 启动), 一个沙箱槽位 (自己的系统用户与 IPC 目录)。
   任务里: autograde → 生成反馈 → 杀掉该槽位用户剩下的进程。
4. 分片 `--shard i/N`: 按学生名的稳定哈希 (md5) 取第 i 份, 一个学生的全部作业在同一片里。
   各片可以在不同机器上跑, 共用一个 PostgreSQL 成绩库 (COURSE_DB_URL); 最后任何一台机器
   运行 `python -m course report` 导出 grades.csv、打印全班的成绩表。
5. 报告: 成绩表、评分失败的原因、篡改标记 (需要人工复核); 也写成 grading-report[-i-of-N].json。
   失败原因与标记同时写进成绩库的复核表 (course/instructor/review.py), report 从那里读全部分片的。
6. 成绩库连不上或连接中途断开 (PostgreSQL 重启、网络断了): 这一片以退出码 2 失败, 给出中文原因,
   不把这些提交记成学生的"评分失败", 也不写复核表; 恢复后重跑同一片即可 (重评覆盖旧记录, 是幂等的)。

Example:
    $ python -m course grade --workers 2 --shard 1/2
"""
from __future__ import annotations

import concurrent.futures as cf
import dataclasses
import hashlib
import json
import multiprocessing as mp
import os
import shutil
import sys
import time
from pathlib import Path

from course.instructor import results, review, submissions, workdir
from course.instructor.results import Outcome, autograded_ok, collect_scores, error_reason, score_table
from course.instructor.workdir import (AUTOGRADED_DIR, FEEDBACK_DIR, GRADES_CSV, RELEASE_DIR, SUBMITTED_DIR, WORKDIR,
                                       InstructorError, db_url, submitted_students)


@dataclasses.dataclass
class Job:
    assignment: str
    student: str
    ok: bool = False
    reason: str = ""
    seconds: float = 0.0
    log: str = ""   # 失败时 nbgrader 日志的末尾, 供讲师查看
    refused: list = dataclasses.field(default_factory=list)  # 提交被拒绝的原因 (符号链接、非普通文件)


def parse_shard(text: str) -> tuple[int, int]:
    """'2/3' → (2, 3); 非法时抛出 InstructorError。Example: parse_shard('1/1') -> (1, 1)"""
    try:
        i, n = (int(v) for v in text.split("/"))
    except ValueError:
        raise InstructorError(f"--shard 应写成 i/N (例如 1/4), 得到 {text!r}") from None
    if not 1 <= i <= n:
        raise InstructorError(f"--shard {text}: 需要 1 ≤ i ≤ N")
    return i, n


def in_shard(student: str, shard: tuple[int, int]) -> bool:
    """学生是否属于这一片 (md5 稳定哈希, 与机器、进程、PYTHONHASHSEED 无关)。"""
    i, n = shard
    return int(hashlib.md5(student.encode("utf-8")).hexdigest(), 16) % n == i - 1


def plan(shard: tuple[int, int] = (1, 1), names: list[str] | None = None) -> list[Job]:
    """这一片的 (作业, 学生) 任务; 含符号链接或非普通文件的提交直接判为失败, 不交给 nbgrader。"""
    jobs = []
    for a in names or workdir.assignments():
        for s in submitted_students(a):
            if not in_shard(s, shard):
                continue
            job = Job(a, s, refused=submissions.problems(SUBMITTED_DIR, s, a))
            if job.refused:
                job.reason = "提交被拒绝 (submission refused): " + "; ".join(job.refused[:3])
            jobs.append(job)
    return jobs


def prepare_keys(names: list[str]) -> None:
    """为每个作业的每个 notebook 备好答案键 (参考解答跑一遍; 有缓存就直接读)。"""
    from course.instructor.answer_key import AnswerKeyError, load_key

    for a in names:
        for nb in sorted((WORKDIR / "source" / a).glob("*.ipynb")):
            try:
                load_key(a, nb.stem, WORKDIR / "source")
            except AnswerKeyError as exc:
                raise InstructorError(str(exc)) from None


def decide_sandbox(choice: str, workers: int) -> tuple[bool, str]:
    """决定是否用沙箱; 返回 (是否启用, 说明)。"""
    from course.instructor import sandbox

    if choice == "off":
        return False, "沙箱已关闭 (--sandbox off)"
    ok, why = sandbox.available()
    if not ok:
        if choice == "on":
            raise InstructorError(f"无法启用沙箱: {why}")
        return False, f"未沙箱化 (not sandboxed): {why}; 学生代码以评分用户的身份运行, 只有内核外核对与篡改标记"
    sandbox.prepare()
    from course.instructor import cgroups

    cg_ok, cg_why = cgroups.available()
    limits = "每个槽位一个 cgroup (CPU/内存/进程数上限)" if cg_ok else f"注意: {cg_why}"
    return True, f"沙箱 (sandbox): 每个工作进程一个槽位 (用户), 无网络, 看不到 source/ 与成绩库; {limits}"


# ---------------------------------------------------------------- 工作进程
_STATE: dict = {}
# 暂时的成绩库错误, 稍后重试即可: SQLite 被另一个进程锁住; 许多分片同时开始时 PostgreSQL 的连接数满了
RETRY_ON = ("database is locked", "too many clients already", "remaining connection slots are reserved")


def _worker_init(sandboxed: bool, workdir: str) -> None:
    """工作进程的初始化; 不许抛出 (否则整个进程池坏掉, 后面每一份都失败), 出错记下来, 每份任务报告它。"""
    try:
        _worker_setup(sandboxed, workdir)
    except Exception as exc:  # 记下原因, 由 _grade_one 报告
        _STATE["init_error"] = f"评分工作进程初始化失败: {type(exc).__name__}: {exc}"[:300]


def _worker_setup(sandboxed: bool, workdir: str) -> None:
    from course.instructor import sandbox

    slot = 0
    if sandboxed:
        slot, lock = sandbox.claim_slot()  # 锁在进程结束前一直持有
        _STATE["lock"] = lock
    os.environ.update(COURSE_SANDBOX_SLOT=str(slot), COURSE_SANDBOX_ACTIVE="1" if sandboxed else "0",
                      COURSE_GRADING_MODE="student", COURSE_WORKDIR=workdir,
                      PYTHONHASHSEED=sandbox.STUDENT_HASHSEED)  # 不用沙箱时内核也继承它
    # 内核 import 的是正在评分的这个仓库的 course/, 不是虚拟环境里可编辑安装指向的另一份副本
    from course.grading import COURSE_ROOT

    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(COURSE_ROOT), os.environ.get("PYTHONPATH")]))
    os.environ["COURSE_EXPECT_ROOT"] = str(COURSE_ROOT)  # course/__init__.py 核对, 不一致就拒绝
    bindir = str(Path(sys.executable).parent)  # nbgrader 从 PATH 找 alembic
    os.environ["PATH"] = f"{bindir}{os.pathsep}{os.environ.get('PATH', '')}"
    os.chdir(workdir)
    import warnings

    warnings.filterwarnings("ignore", module="nbgrader")  # nbgrader 在进程内调用时的 SAWarning 噪声
    warnings.filterwarnings("ignore", message=".*not in session.*")
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory
    from traitlets.config.loader import PyFileConfigLoader

    config = PyFileConfigLoader("nbgrader_config.py", path=workdir).load_config()
    _STATE.update(slot=slot, sandboxed=sandboxed,
                  api=NbGraderAPI(coursedir=CourseDirectory(config=config), config=config))


def _grade_one(assignment: str, student: str) -> Job:
    from course.instructor import sandbox

    job, start = Job(assignment, student), time.perf_counter()
    if "init_error" in _STATE:
        job.reason = _STATE["init_error"]
        return job
    api, slot, sandboxed = _STATE["api"], _STATE["slot"], _STATE["sandboxed"]
    shutil.rmtree(AUTOGRADED_DIR / student / assignment, ignore_errors=True)  # 旧结果不能冒充这一次的
    shutil.rmtree(FEEDBACK_DIR / student / assignment, ignore_errors=True)
    if sandboxed:
        sandbox.reset_slot(slot)  # 上一个学生留下的一切 (进程、IPC 目录里的东西) 都清掉
    for attempt in range(3):
        result = api.autograde(assignment, student, force=True, create=True)
        log = (result.get("error") or "") + (result.get("log") or "")
        if result.get("success") or not any(p in log for p in RETRY_ON):
            break
        time.sleep(1 + attempt)  # SQLite 被另一个工作进程锁住 / PostgreSQL 连接数满了: 稍后重试
    ended_by_sandbox = sandbox.exit_reason(slot) if sandboxed else ""
    if sandboxed:
        sandbox.reset_slot(slot)
    job.ok = bool(result.get("success")) and autograded_ok(student, assignment) and not ended_by_sandbox
    if job.ok:
        fb = api.generate_feedback(assignment, student)
        if not fb.get("success"):
            job.reason = "反馈生成失败: " + error_reason(fb.get("error", "") + fb.get("log", ""))
    else:
        job.reason = ended_by_sandbox or error_reason(log)
        job.log = log[-3000:]
    job.seconds = time.perf_counter() - start
    return job


def run_jobs(jobs: list[Job], workers: int, sandboxed: bool, progress: bool = True) -> list[Job]:
    """把任务分给工作进程; 进度条写到 stderr。"""
    from tqdm import tqdm

    ctx = mp.get_context("spawn")  # 干净的子进程, 不继承评分进程的内核与线程
    done: list[Job] = []
    for j in jobs:
        if j.refused:  # 旧的评分结果不能留下冒充这一次的
            shutil.rmtree(AUTOGRADED_DIR / j.student / j.assignment, ignore_errors=True)
            shutil.rmtree(FEEDBACK_DIR / j.student / j.assignment, ignore_errors=True)
    with cf.ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_worker_init,
                                initargs=(sandboxed, str(WORKDIR))) as pool:
        futures = {pool.submit(_grade_one, j.assignment, j.student): j for j in jobs if not j.refused}
        done += [j for j in jobs if j.refused]
        bar = tqdm(total=len(futures), desc="评分 (autograde)", unit="份", disable=not progress, file=sys.stderr)
        for fut in cf.as_completed(futures):
            j = futures[fut]
            try:
                done.append(fut.result())
            except Exception as exc:  # 工作进程本身出错: 只算这一份失败
                done.append(Job(j.assignment, j.student, False, f"评分进程出错: {type(exc).__name__}: {exc}"[:300]))
            bar.set_postfix_str(f"{j.student}/{j.assignment}")
            bar.update()
        bar.close()
    return sorted(done, key=lambda j: (j.assignment, j.student))


# ---------------------------------------------------------------- 篡改标记与报告
def scan_flags(jobs: list[Job]) -> list[dict]:
    from course.instructor.tamper import Flag, scan_notebook

    out = []
    for j in jobs:
        if j.refused:
            out += [{"student": j.student, "assignment": j.assignment, "notebook": "-", "cell": "-", "line": 0,
                     "rule": "提交里有符号链接或非普通文件 (submission refused)", "code": why} for why in j.refused]
            continue
        expected = {p.name for p in (RELEASE_DIR / j.assignment).glob("*.ipynb")}
        for nb in sorted((SUBMITTED_DIR / j.student / j.assignment).glob("*.ipynb")):
            if expected and nb.name not in expected:
                out.append({"student": j.student, "assignment": j.assignment, "notebook": nb.name, "cell": "-",
                            "line": 0, "rule": f"notebook 改了名 (renamed), 应为 {' / '.join(sorted(expected))}; "
                            "nbgrader 只认原名, 这份不会被评分", "code": ""})
                continue
            try:
                found = scan_notebook(nb, RELEASE_DIR / j.assignment / nb.name)
            except Exception as exc:  # 扫描器自己的错误不能让整批评分停下
                found = [Flag(f"篡改扫描出错 ({type(exc).__name__}), 请人工查看", 0, str(exc)[:160], "-")]
            for f in found:
                out.append({"student": j.student, "assignment": j.assignment, "notebook": nb.name,
                            "cell": f.where, "line": f.line, "rule": f.rule, "code": f.snippet})
    return out


def flags_text(flags: list[dict]) -> str:
    if not flags:
        return "篡改扫描 (tamper scan): 没有需要复核的代码"
    lines = [f"需要人工复核 (flagged for review): {len({(f['student'], f['assignment']) for f in flags})} 份提交"]
    for f in flags:
        lines.append(f"  {f['student']}/{f['assignment']}/{f['notebook']} [{f['cell']} 第 {f['line']} 行] "
                     f"{f['rule']}: {f['code']}")
    return "\n".join(lines)


# 成绩库连接出错时日志里的特征 (psycopg2 / SQLAlchemy); 这类失败是基础设施的问题, 不是学生的
DB_CONNECTION_ERRORS = ("could not connect to server", "connection to server", "server closed the connection",
                        "Connection refused", "terminating connection", "connection already closed",
                        "SSL connection has been closed", "could not receive data from server",
                        "no connection to the server", "the database system is shutting down")


def db_connection_lost(log: str) -> bool:
    """日志像不像成绩库连接出错 (而不是学生代码的错误)。只是必要条件: 还要 db_reachable() 为假。"""
    return any(p in log for p in DB_CONNECTION_ERRORS)


def db_reachable() -> bool:
    """现在能不能连上成绩库 (select 1)。学生的输出可以伪造日志里的字句, 伪造不了这个。"""
    import sqlalchemy as sa

    url = sa.engine.make_url(db_url())
    args = {"connect_timeout": 10} if url.get_backend_name() == "postgresql" else {}
    engine = sa.create_engine(url, connect_args=args)
    try:
        with engine.connect() as conn:
            conn.execute(sa.text("select 1"))
        return True
    except sa.exc.DBAPIError:
        return False
    finally:
        engine.dispose()


def shown_db_url() -> str:
    """打印用的成绩库地址: 密码换成 *** (评分输出会进日志与集群作业的输出文件)。"""
    import sqlalchemy as sa

    return sa.engine.make_url(db_url()).render_as_string(hide_password=True)


def _db_lost_error(detail: str, shard: tuple[int, int]) -> InstructorError:
    url = shown_db_url()
    return InstructorError(
        f"成绩库连接断开 (gradebook connection lost): {url}; {detail}。这一片 ({shard[0]}/{shard[1]}) 没有评完, "
        "复核表没有写入; 成绩库恢复之后重新运行同一片 (--shard "
        f"{shard[0]}/{shard[1]}) 即可, 重评会覆盖这一片的旧记录")


def check_ready(names: list[str]) -> None:
    """评分之前先查讲师一侧的前提 (学生版、成绩库里的作业), 不要评了几分钟才发现。"""
    from nbgrader.api import Gradebook, MissingEntry

    for a in names:
        if not any((RELEASE_DIR / a).glob("*.ipynb")):
            raise InstructorError(f"找不到学生版 release/{a}/; 请先运行 make release")
    with Gradebook(db_url()) as gb:
        for a in names:
            try:
                gb.find_assignment(a)
            except MissingEntry:
                raise InstructorError(f"成绩库 {shown_db_url()} 里没有作业 {a}; 请先运行 make release "
                                      "(它用 nbgrader generate_assignment 把作业登记进成绩库)") from None


def grade(workers: int | None = None, shard: tuple[int, int] = (1, 1), sandbox: str = "auto",
          progress: bool = True, only_assignments: list[str] | None = None,
          only_students: list[str] | None = None) -> list[Outcome]:
    """评这一片的全部 (学生, 作业); 一个学生出错不影响别人。返回这一片的成绩。

    only_assignments / only_students: 只评这几个作业 / 学生 (讲师调试一道题时的快速循环)。
    """
    names = workdir.assignments()
    unknown = sorted(set(only_assignments or []) - set(names))
    if unknown:
        raise InstructorError(f"source/ 里没有作业 {', '.join(unknown)}; 有: {', '.join(names)}")
    names = [a for a in names if not only_assignments or a in only_assignments]
    jobs = [j for j in plan(shard, names) if not only_students or j.student in only_students]
    workers = max(1, min(workers or os.cpu_count() or 1, len(jobs) or 1))
    import sqlalchemy as sa

    try:
        check_ready(names)
    except sa.exc.OperationalError as exc:
        raise _db_lost_error(f"评分开始前连不上: {str(exc.orig).strip()[:200]}", shard) from None
    prepare_keys(names)
    sandboxed, note = decide_sandbox(sandbox, workers)
    print(note, flush=True)
    flags = scan_flags(jobs)
    start = time.perf_counter()
    done = run_jobs(jobs, workers, sandboxed, progress) if jobs else []
    wall = time.perf_counter() - start
    failed = {(j.student, j.assignment): j.reason for j in done if not j.ok}
    mine = {(j.student, j.assignment) for j in jobs}
    lost = sorted(f"{j.student}/{j.assignment}" for j in done if not j.ok and db_connection_lost(j.log + j.reason))
    if lost and not db_reachable():
        raise _db_lost_error(f"{len(lost)} 份提交因此没有写进成绩库 ({', '.join(lost[:5])}"
                             f"{' …' if len(lost) > 5 else ''})", shard)
    try:
        review.save(db_url(), mine, failed, flags, shard=f"{shard[0]}/{shard[1]}")
    except sa.exc.OperationalError as exc:
        raise _db_lost_error(f"写复核表时出错: {str(exc.orig).strip()[:200]}", shard) from None
    outcomes = [o for o in collect_scores(failed, names) if (o.student, o.assignment) in mine]
    print()
    print(score_table(outcomes))
    print()
    print(flags_text(flags))
    rate = len(jobs) / wall * 60 if wall > 0 else 0.0
    print(f"\n{len(jobs)} 份提交, {workers} 个工作进程, {wall:.1f} s ({rate:.1f} 份/分钟)")
    suffix = "" if shard == (1, 1) else f"-{shard[0]}-of-{shard[1]}"
    report = {"shard": list(shard), "workers": workers, "sandboxed": sandboxed, "note": note,
              "seconds": round(wall, 2), "jobs": [dataclasses.asdict(j) for j in done], "flags": flags,
              "outcomes": [dataclasses.asdict(o) for o in outcomes]}
    path = WORKDIR / f"grading-report{suffix}.json"
    path.write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"评分报告: {path.name}; 反馈在 {FEEDBACK_DIR.name}/; 成绩库: {shown_db_url()}")
    return outcomes


def report() -> list[Outcome]:
    """所有分片评完之后: 从成绩库导出 grades.csv, 打印全班成绩表与全部分片的失败原因和篡改标记。

    失败原因与标记来自成绩库里的复核表 (course/instructor/review.py), 所以各片在哪台机器上评都可以;
    学生名单是本机 submitted/ 与成绩库里的提交的并集。
    """
    results.export_grades()
    failed, flags = review.load(db_url())
    outcomes = collect_scores(failed, from_gradebook=True)
    print(score_table(outcomes))
    print()
    print(flags_text(flags))
    print(f"\n成绩已导出到 {GRADES_CSV.name}; 成绩库: {shown_db_url()}")
    return outcomes
