"""nbgrader 配置 / nbgrader configuration for the course.

成绩库默认是仓库根目录下的 SQLite 文件 gradebook.db; 设置环境变量 COURSE_DB_URL 可以换成
PostgreSQL 等 (例如 postgresql+psycopg2://user:pw@127.0.0.1:5432/gradebook)。

`python -m course grade` 评分时学生内核处在模式 student (拿不到参考解答, 检查只记录实际值), 执行之后
VerifyOutsideKernel 在评分进程里用答案键核对。`python -m course grade` 在能用沙箱时 (Linux + root) 设置
COURSE_SANDBOX_ACTIVE=1, 内核换成 course-sandbox (见 course/instructor/sandbox.py)。
"""
import os
from pathlib import Path

from nbconvert.preprocessors import ClearMetadataPreprocessor, CSSHTMLHeaderPreprocessor
from nbgrader.preprocessors import (AssignLatePenalties, CheckCellMetadata, ClearHiddenTests, ClearOutput,
                                    DeduplicateIds, GetGrades, IgnorePattern, LimitOutput,
                                    OverwriteCells, OverwriteKernelspec, SaveAutoGrades)

from course.instructor.nbgrader_ext import (DropEmptyNbgraderMetadata, FeedbackVerdictsOnly, LimitedExecute,
                                           RestoreNbgraderMetadata, StderrAsStdout, VerifyOutsideKernel)
from course.instructor.lab import exchange_root
from course.instructor.workdir import db_url
from course.instructor.sandbox import GRADING_JUPYTER_PATH, KERNEL_NAME, ipc_dir

ROOT = Path(__file__).resolve().parent
c = get_config()  # noqa: F821  (nbgrader 注入)

c.CourseDirectory.root = str(ROOT)
c.CourseDirectory.course_id = "llm-zh"
c.CourseDirectory.db_url = db_url(ROOT)  # 默认 sqlite:///<本目录>/gradebook.db
c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback", ".*"]
c.CourseDirectory.include = ["*.ipynb", "timestamp.txt", "submission_secret.txt"]  # 只有 notebook 和 nbgrader submit 写的提交时间与口令会被复制进 autograded/ 与 feedback/
# 交换目录 (release_assignment / collect / release_feedback): 默认仓库里的 exchange/, COURSE_EXCHANGE 可改
c.Exchange.root = str(exchange_root())
# 多人共用的交换目录: 收作业时剔除冒名、伪造时间戳与坏掉的条目, 每个学生单独收, 不跟随符号链接;
# 发布时 inbound/ 加粘滞位 (course/instructor/exchange.py)
c.ExchangeFactory.collect = "course.instructor.exchange.SafeCollect"
c.ExchangeFactory.release_assignment = "course.instructor.exchange.SafeReleaseAssignment"

# 学生版: 中文占位, 统一页眉
c.ClearSolutions.code_stub = {"python": "# 在这里写你的代码 (YOUR CODE HERE)\nraise NotImplementedError()"}
c.ClearSolutions.text_stub = "在这里写你的回答 (YOUR ANSWER HERE)"
c.IncludeHeaderFooter.header = str(ROOT / "source" / "header.ipynb")

# 执行: 单元超时 30 s (预算: 每个 notebook 评分时 ≤ 30 s); 错误只显示最后一行, 不带隐藏测试源码
c.Execute.timeout = 30
c.Execute.interrupt_on_timeout = True
c.Execute.extra_arguments = ["--InteractiveShell.xmode=Minimal"]

# `python -m course grade` 把评分进程设为模式 student (内核继承它); 沙箱可用时换成 course-sandbox 内核
# (无网络 → 走 Unix 套接字)。直接运行 nbgrader autograde (或 formgrader 的按钮) 时内核是普通模式,
# 检查在内核里做, VerifyOutsideKernel 只发警告 —— 与原版 nbgrader 相同, 没有这几道防线。
if os.environ.get("COURSE_SANDBOX_ACTIVE") == "1":
    c.Execute.kernel_name = KERNEL_NAME
    # 内核规格只在评分进程的 JUPYTER_PATH 上, 学生的 JupyterLab 启动器里看不到它
    os.environ["JUPYTER_PATH"] = os.pathsep.join(filter(None, [str(GRADING_JUPYTER_PATH),
                                                               os.environ.get("JUPYTER_PATH")]))
    c.KernelManager.transport = "ipc"
    c.KernelManager.ip = str(ipc_dir(int(os.environ.get("COURSE_SANDBOX_SLOT", "0"))) / "kernel")

# 被删掉或去掉元数据的测试单元重新加回并评分, 而不是悄悄变成 "需要人工评分"
c.OverwriteCells.add_missing_cells = True

c.Autograde.sanitize_preprocessors = [
    ClearOutput, DeduplicateIds, DropEmptyNbgraderMetadata, RestoreNbgraderMetadata, OverwriteKernelspec,
    OverwriteCells, CheckCellMetadata,
]
c.Autograde.autograde_preprocessors = [
    LimitedExecute, VerifyOutsideKernel, StderrAsStdout, IgnorePattern, ClearMetadataPreprocessor, LimitOutput, SaveAutoGrades,
    AssignLatePenalties, CheckCellMetadata,
]

# 反馈里不出现隐藏测试的源码
# 反馈里只有测试单元的结论 (我们自己写的), 其他输出去掉, 学生写的 markdown 经过清洗
c.GenerateFeedback.preprocessors = [GetGrades, ClearHiddenTests, FeedbackVerdictsOnly, CSSHTMLHeaderPreprocessor]
