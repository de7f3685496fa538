"""复核记录 (review records): 评分失败的原因与篡改标记, 存在成绩库里的 `course_review` 表。

分片 (`--shard i/N`) 在不同机器上运行时, 各片的 grading-report*.json 散在各台机器上;
把失败原因与标记写进共用的成绩库 (与 nbgrader 的表同一个库, SQLite 或 PostgreSQL),
`python -m course report` 在任何一台机器上都能列出全班需要复核的提交。

每次评分只替换它评过的 (学生, 作业) 的记录, 在一个事务里完成, 所以重评一个学生会清掉他旧的标记。

表的一行 (kind 为 "failure" 或 "flag"):

    assignment | student | kind | notebook | cell | line | rule (原因/规则) | code | shard | graded_at

Example:
    >>> import tempfile; url = f"sqlite:///{tempfile.mkdtemp()}/gradebook.db"
    >>> save(url, [("alice", "week01_text")], failures={("alice", "week01_text"): "超时"}, flags=[])
    >>> load(url)
    ({('alice', 'week01_text'): '超时'}, [])
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import sqlalchemy as sa

TABLE = "course_review"
_META = sa.MetaData()
_REVIEW = sa.Table(
    TABLE, _META,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("assignment", sa.String(128), nullable=False, index=True),
    sa.Column("student", sa.String(128), nullable=False, index=True),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("notebook", sa.String(256), nullable=False, default=""),
    sa.Column("cell", sa.String(256), nullable=False, default=""),
    sa.Column("line", sa.Integer, nullable=False, default=0),
    sa.Column("rule", sa.Text, nullable=False, default=""),
    sa.Column("code", sa.Text, nullable=False, default=""),
    sa.Column("shard", sa.String(32), nullable=False, default="1/1"),
    sa.Column("graded_at", sa.DateTime, nullable=False),
)


def _engine(db_url: str) -> sa.Engine:
    engine = sa.create_engine(db_url)
    try:
        _META.create_all(engine, checkfirst=True)
    except sa.exc.DBAPIError:
        # 两个分片同时建表: 另一片先建好了 (PostgreSQL 报重复的类型名); 再检查一次即可
        _META.create_all(engine, checkfirst=True)
    return engine


def save(db_url: str, graded: Iterable[tuple[str, str]], failures: dict[tuple[str, str], str],
         flags: list[dict], shard: str = "1/1") -> None:
    """替换 graded 里每个 (学生, 作业) 的复核记录。

    failures: {(学生, 作业): 原因} (与 load 的返回值同样的键); flags: course.instructor.grader.scan_flags 的输出。
    """
    graded = sorted(set(graded))
    now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    rows = [dict(assignment=a, student=s, kind="failure", notebook="", cell="", line=0, rule=why, code="",
                 shard=shard, graded_at=now) for (s, a), why in sorted(failures.items())]
    rows += [dict(assignment=f["assignment"], student=f["student"], kind="flag", notebook=f["notebook"],
                  cell=str(f["cell"]), line=int(f["line"]), rule=f["rule"], code=f["code"], shard=shard,
                  graded_at=now) for f in flags]
    engine = _engine(db_url)
    try:
        with engine.begin() as conn:
            for s, a in graded:
                conn.execute(_REVIEW.delete().where(_REVIEW.c.assignment == a, _REVIEW.c.student == s))
            if rows:
                conn.execute(_REVIEW.insert(), rows)
    finally:
        engine.dispose()


def load(db_url: str) -> tuple[dict[tuple[str, str], str], list[dict]]:
    """读出全部复核记录: ({(学生, 作业): 失败原因}, [标记 dict, 与 scan_flags 同样的键])。"""
    engine = _engine(db_url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(sa.select(_REVIEW).order_by(_REVIEW.c.assignment, _REVIEW.c.student,
                                                            _REVIEW.c.id)).mappings().all()
    finally:
        engine.dispose()
    failures = {(r["student"], r["assignment"]): r["rule"] for r in rows if r["kind"] == "failure"}
    flags = [{k: r[k] for k in ("student", "assignment", "notebook", "cell", "line", "rule", "code")}
             for r in rows if r["kind"] == "flag"]
    return failures, flags
