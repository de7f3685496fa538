"""`python -m course …` 的入口: 讲师一侧的命令行在 course/instructor/cli.py。"""
import sys

from course.instructor.cli import main

sys.exit(main())
