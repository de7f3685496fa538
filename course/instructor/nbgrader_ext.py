"""nbgrader 的两个补丁预处理器 (preprocessors), 在 nbgrader_config.py 里接入。

- `DropEmptyNbgraderMetadata`: 学生复制粘贴了一个答案单元 (重复的 grade_id) 时, nbgrader 的
  DeduplicateIds 会留下空的 `nbgrader={}`, 随后 CheckCellMetadata 报一个误导人的
  "old version of the nbgrader metadata format" 错误, 整个学生评分失败。这里把空元数据删掉,
  复制出来的单元就只是一个普通代码单元, 原来那个单元照常评分。
- `StderrAsStdout`: nbgrader 把测试单元里任何 stderr 输出判为 0 分 (库的警告、进度条都算)。
  评分只应看测试是否报错, 所以把测试单元里的 stderr 流改记为 stdout, 前面标上 [stderr]。
- `VerifyOutsideKernel`: 执行之后, 在评分进程里用答案键核对每个测试单元的检查记录
  (course/instructor/answer_key.py); 不一致就给该单元加一条错误输出, nbgrader 随后判它 0 分。记录本身从输出里删掉。

不负责: 沙箱 (course/instructor/sandbox.py)、篡改扫描 (course/instructor/tamper.py)。

Example (nbgrader_config.py):
    c.Autograde.sanitize_preprocessors = [..., DeduplicateIds, DropEmptyNbgraderMetadata, ...]
"""
from __future__ import annotations

import os

from nbformat.v4 import new_output
from nbgrader.preprocessors import NbGraderPreprocessor


class DropEmptyNbgraderMetadata(NbGraderPreprocessor):
    """删除 DeduplicateIds 留下的空 nbgrader 元数据。Example: {'nbgrader': {}} -> {}"""

    def preprocess_cell(self, cell, resources, index):
        if "nbgrader" in cell.metadata and not cell.metadata["nbgrader"]:
            del cell.metadata["nbgrader"]
            self.log.warning("第 %d 个单元是重复的 grade_id, 已当作普通单元 (duplicate grade_id dropped)", index)
        return cell, resources


class StderrAsStdout(NbGraderPreprocessor):
    """评分单元 (grade) 里的 stderr 输出改记为 stdout。Example: stderr 'Warning' -> stdout '[stderr] Warning'"""

    def preprocess_cell(self, cell, resources, index):
        grade = cell.metadata.get("nbgrader", {}).get("grade")
        if cell.cell_type == "code" and grade:
            for out in cell.get("outputs", []):
                if out.get("output_type") == "stream" and out.get("name") == "stderr":
                    out["name"] = "stdout"
                    out["text"] = "".join("[stderr] " + line for line in out["text"].splitlines(True))
        return cell, resources


class VerifyOutsideKernel(NbGraderPreprocessor):
    """在内核之外用答案键核对测试单元。Example: 记录与答案键不一致 → 追加 GradingError 输出 → 0 分"""

    def preprocess(self, nb, resources):
        from course.instructor.answer_key import load_key, split_records, verify_cell
        from course.instructor.workdir import WORKDIR

        info = resources["nbgrader"]
        if os.environ.get("COURSE_GRADING_MODE") != "student":  # 不是经 python -m course grade 评分
            self.log.warning("内核不在模式 student, 检查只在内核里做 (请用 python -m course grade 评分)")
            for cell in nb.cells:
                if cell.cell_type == "code":
                    cell.outputs = split_records(cell.get("outputs", []))[1]
            return nb, resources
        key = load_key(info["assignment"], info["notebook"], WORKDIR / "source")
        for cell in nb.cells:
            if cell.cell_type != "code":
                continue
            records, cell.outputs = split_records(cell.get("outputs", []))
            meta = cell.metadata.get("nbgrader", {})
            gid = meta.get("grade_id")
            if not meta.get("grade") or meta.get("solution") or gid not in key:
                continue
            if any(out.get("output_type") == "error" for out in cell.outputs):
                continue  # 内核里已经失败
            problem = verify_cell(key[gid], records)
            if problem is not None:
                cell.outputs.append(new_output("error", ename="GradingError", evalue=problem,
                                               traceback=[f"GradingError: {problem}"]))
                self.log.info("%s/%s %s: 核对未通过", info["student"], info["notebook"], gid)
        return nb, resources
