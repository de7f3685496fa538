"""命令行 (CLI): `python -m course <命令>`, Makefile 的各个目标都调用它。

命令: check (环境检查), release (生成学生版), demo (完整演示), demo-students (只造演示学生),
grade (并行评分 submitted/ 里的学生, 可分片), report (各分片评完后导出全班成绩), gate (评分闸门)。
Example:
    $ python -m course demo
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

DEMO_KINDS = ("perfect", "blank", "alt", "buggy")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m course", description="大语言模型课程的命令行工具")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("check", help="环境检查: 每个包和设备打印 [OK]/[FAIL]")
    p = sub.add_parser("release", help="从 source/ 重新生成 release/ (nbgrader generate_assignment)")
    p.add_argument("assignments", nargs="*")
    sub.add_parser("demo", help="生成学生版、造演示学生、自动评分、反馈、导出 grades.csv、打印成绩表")
    sub.add_parser("demo-students", help="只造演示学生的提交 (perfect, alt, blank, buggy) 到 submitted/")
    p = sub.add_parser("grade", help="并行评分 submitted/ 里的学生, 生成反馈, 导出 grades.csv, 打印成绩表与篡改标记")
    p.add_argument("--workers", type=int, default=None, help="工作进程数 (默认: CPU 核数)")
    p.add_argument("--shard", default="1/1", help="只评第 i 份 (i/N, 按学生名的稳定哈希), 各片共用一个成绩库")
    p.add_argument("--sandbox", choices=("auto", "on", "off"), default="auto",
                   help="评分沙箱: auto = Linux + root 时启用 (默认), on = 必须启用, off = 不用")
    p.add_argument("--assignment", action="append", help="只评这个作业 (可重复), 例如 week02_ngram")
    p.add_argument("--student", action="append", help="只评这个学生 (可重复)")
    sub.add_parser("report", help="所有分片评完之后: 导出 grades.csv, 打印全班成绩表与篡改标记")
    p = sub.add_parser("gate", help="评分闸门: alt 必须满分, bug 必须被隐藏测试抓住")
    p.add_argument("assignments", nargs="*")
    p = sub.add_parser("student", help="造一个测试学生: 一周或一道题, perfect / blank / alt / buggy / 某个变体文件")
    p.add_argument("--assignment", required=True)
    p.add_argument("--kind", choices=DEMO_KINDS, default="perfect")
    p.add_argument("--exercise", help="只做这一道题 (grade_id)")
    p.add_argument("--variant", help="把这个变体文件放进 --exercise 那道题, 其余题用参考解答")
    p.add_argument("--name", help="学生名 (默认由 kind/变体名和练习名组成)")
    p = sub.add_parser("new-exercise", help="在 source notebook 里插入一道练习的骨架和闸门变体的桩, 重新编号")
    p.add_argument("--assignment", required=True)
    p.add_argument("--name", required=True, help="函数名 = grade_id")
    p.add_argument("--after", help="插在这道练习 (grade_id) 之后或这一节 (如 2.9) 末尾; 默认小结之前")
    p.add_argument("--title", help="练习标题 (默认 '实现 `name`')")
    p.add_argument("--visible", type=int, default=1, help="可见测试的分数")
    p.add_argument("--hidden", type=int, default=2, help="隐藏测试的分数")
    p = sub.add_parser("new-week", help="建新一周的 source notebook、claims 文件和变体目录")
    p.add_argument("slug", help="weekNN_slug, 例如 week09_alignment")
    p.add_argument("--title", required=True, help="标题 '第 N 周：' 之后的文字")
    p = sub.add_parser("sections", help="核对节号、练习号与引用; --renumber 按标题重新编号并改写引用")
    p.add_argument("--renumber", action="store_true")
    p = sub.add_parser("tables", help="由 notebook 生成 README 的计分表和每周标题里的总分; --check 只核对")
    p.add_argument("--check", action="store_true")
    p = sub.add_parser("sandbox", help="评分沙箱在这台机器上留下了什么 (系统用户、内核规格、cgroup); --remove 全部撤销")
    p.add_argument("--remove", action="store_true")
    p = sub.add_parser("terms", help="核对 notebook 里标出的术语都在 TERMINOLOGY.md; --add 补上缺的")
    p.add_argument("--add", action="store_true")
    args = parser.parse_args(argv)

    from course.instructor import pipeline
    from course.instructor.workdir import InstructorError

    problem = other_checkout(Path.cwd())
    if problem:
        print(f"错误 (error): {problem}", file=sys.stderr)
        return 2
    try:
        if args.command == "check":
            from course.envcheck import main as check

            return check()
        if args.command == "release":
            pipeline.release(args.assignments or None)
        elif args.command == "demo":
            pipeline.demo()
        elif args.command == "demo-students":
            pipeline.make_demo_students()
        elif args.command == "grade":
            pipeline.grade(args.workers, args.shard, args.sandbox, args.assignment, args.student)
        elif args.command == "report":
            from course.instructor.grader import report

            report()
        elif args.command == "gate":
            from course.instructor.gate import main as gate

            return gate(args.assignments)
        elif args.command == "sandbox":
            return _sandbox(args.remove)
        elif args.command == "student":
            pipeline.make_student(args.assignment, args.kind, args.exercise,
                                  Path(args.variant) if args.variant else None, args.name)
        else:
            return _authoring(args)
    except InstructorError as exc:
        _give_back(args.command)
        print(f"错误 (error): {exc}", file=sys.stderr)
        return 2
    _give_back(args.command)
    return 0


def _give_back(command: str) -> None:
    """release / grade / report / demo 以 root 在别人的课程目录里运行之后, 生成的文件还给课程目录的主人。"""
    if command in ("release", "grade", "report", "demo"):
        from course.instructor.workdir import give_back_to_owner

        give_back_to_owner()


def _authoring(args) -> int:
    """编写命令: new-exercise、new-week、sections、tables、terms。核对不过时退出码 1。"""
    from course.instructor import authoring as a

    try:
        if args.command == "new-exercise":
            done = a.new_exercise(args.assignment, args.name, args.after, args.visible, args.hidden, args.title)
        elif args.command == "new-week":
            done = a.new_week(args.slug, args.title)
        elif args.command == "sections":
            if not args.renumber:
                return _report(a.section_problems(), "节号与引用")
            done = a.renumber()
        elif args.command == "tables":
            if args.check:
                stale = a.update_readme(write=False)
                return _report(a.points_problems() + (["README.md 的计分表过期 (python -m course tables)"]
                                                      if stale else []), "分数与计分表")
            done = [f"{n}: 标题单元的总分" for n in a.update_title_totals()]
            done += ["README.md: 计分表"] if a.update_readme() else []
            done += a.points_problems()
        else:   # terms
            if not args.add:
                return _report(a.term_problems(), "术语表")
            done = [f"TERMINOLOGY.md + {row}" for row in a.add_missing_terms()]
    except ValueError as exc:
        print(f"错误 (error): {exc}", file=sys.stderr)
        return 2
    print("\n".join(done) if done else "没有要改的")
    return 0


def _report(problems: list[str], what: str) -> int:
    for p in problems:
        print(f"[FAIL] {p}")
    print(f"[OK] {what}" if not problems else f"{len(problems)} 处要改")
    return 1 if problems else 0


def other_checkout(cwd: Path) -> str | None:
    """在另一份课程仓库里运行命令, 却 import 到了这一份的 course (两份 checkout 共用一个环境):
    返回拒绝的理由; 没问题时返回 None。COURSE_WORKDIR 指定了工作目录时不查 (测试与分片用)。"""
    from course.grading import COURSE_ROOT

    if os.environ.get("COURSE_WORKDIR"):
        return None
    for d in (cwd, *cwd.parents):
        if (d / "course" / "__init__.py").is_file() and (d / "source").is_dir():
            if d.resolve() != COURSE_ROOT:
                return (f"你在仓库 {d} 里运行, 但 import 到的 course 来自 {COURSE_ROOT} (环境里的可编辑安装指向另一份"
                        f" checkout)。在 {d} 的根目录运行 `python -m course …` (或 make), 它会用这个仓库的 course/ "
                        "(ran inside one checkout with another checkout's course package)")
            return None
    return None


def _sandbox(remove: bool) -> int:
    import pwd

    from course.instructor import sandbox

    if remove:
        for line in sandbox.uninstall():
            print(f"已删除 {line}")
        return 0
    users = sorted(p.pw_name for p in pwd.getpwall() if p.pw_name.startswith(sandbox.user_prefix()))
    spec = sandbox.GRADING_JUPYTER_PATH / "kernels" / sandbox.KERNEL_NAME
    print(f"系统用户 (system users): {', '.join(users) or '无'}")
    print(f"内核规格 (kernelspec, 只有评分进程看得到): {spec if spec.exists() else '无'}")
    print(f"IPC 目录: {sandbox.ipc_root() if sandbox.ipc_root().exists() else '无'}")
    print(f"cgroup: /sys/fs/cgroup/course-sandbox/{sandbox.namespace() or 'default'}")
    print("撤销: python -m course sandbox --remove")
    return 0
