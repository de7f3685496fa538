"""`python -m course …` 的入口。"""
import sys

from course.cli import main

sys.exit(main())
