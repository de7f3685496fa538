"""命令行 (CLI): `python -m course <命令>`, Makefile 的各个目标都调用它。

命令: check (环境检查), release (生成学生版), demo (完整演示), demo-students (只造演示学生),
grade (并行评分 submitted/ 里的学生, 可分片), report (各分片评完后导出全班成绩), gate (评分闸门)。
Example:
    $ python -m course demo
"""
from __future__ import annotations

import argparse
import sys


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
    args = parser.parse_args(argv)

    from course.instructor import pipeline
    from course.instructor.workdir import InstructorError

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
    except InstructorError as exc:
        print(f"错误 (error): {exc}", file=sys.stderr)
        return 2
    return 0
