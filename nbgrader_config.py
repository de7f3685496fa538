"""nbgrader 配置 / nbgrader configuration for the course.

成绩库默认是仓库根目录下的 SQLite 文件 gradebook.db; 设置环境变量 COURSE_DB_URL 可以换成
PostgreSQL 等 (例如 postgresql+psycopg2://user:pw@127.0.0.1:5432/gradebook)。
"""
from pathlib import Path

from nbconvert.preprocessors import ClearMetadataPreprocessor, CSSHTMLHeaderPreprocessor
from nbgrader.preprocessors import (AssignLatePenalties, CheckCellMetadata, ClearHiddenTests, ClearOutput,
                                    DeduplicateIds, Execute, GetGrades, IgnorePattern, LimitOutput,
                                    OverwriteCells, OverwriteKernelspec, SaveAutoGrades)

from course.nbgrader_ext import DropEmptyNbgraderMetadata, StderrAsStdout
from course.pipeline import db_url

ROOT = Path(__file__).resolve().parent
c = get_config()  # noqa: F821  (nbgrader 注入)

c.CourseDirectory.root = str(ROOT)
c.CourseDirectory.course_id = "llm-zh"
c.CourseDirectory.db_url = db_url(ROOT)  # 默认 sqlite:///<本目录>/gradebook.db
c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback", ".*"]

# 学生版: 中文占位, 统一页眉
c.ClearSolutions.code_stub = {"python": "# 在这里写你的代码 (YOUR CODE HERE)\nraise NotImplementedError()"}
c.ClearSolutions.text_stub = "在这里写你的回答 (YOUR ANSWER HERE)"
c.IncludeHeaderFooter.header = str(ROOT / "source" / "header.ipynb")

# 执行: 单元超时 30 s (预算: 每个 notebook 评分时 ≤ 30 s); 错误只显示最后一行, 不带隐藏测试源码
c.Execute.timeout = 30
c.Execute.interrupt_on_timeout = True
c.Execute.extra_arguments = ["--InteractiveShell.xmode=Minimal"]

# 被删掉或去掉元数据的测试单元重新加回并评分, 而不是悄悄变成 "需要人工评分"
c.OverwriteCells.add_missing_cells = True

c.Autograde.sanitize_preprocessors = [
    ClearOutput, DeduplicateIds, DropEmptyNbgraderMetadata, OverwriteKernelspec, OverwriteCells,
    CheckCellMetadata,
]
c.Autograde.autograde_preprocessors = [
    Execute, StderrAsStdout, IgnorePattern, ClearMetadataPreprocessor, LimitOutput, SaveAutoGrades,
    AssignLatePenalties, CheckCellMetadata,
]

# 反馈里不出现隐藏测试的源码
c.GenerateFeedback.preprocessors = [GetGrades, ClearHiddenTests, CSSHTMLHeaderPreprocessor]
