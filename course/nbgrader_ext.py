"""nbgrader 的两个补丁预处理器 (preprocessors), 在 nbgrader_config.py 里接入。

- `DropEmptyNbgraderMetadata`: 学生复制粘贴了一个答案单元 (重复的 grade_id) 时, nbgrader 的
  DeduplicateIds 会留下空的 `nbgrader={}`, 随后 CheckCellMetadata 报一个误导人的
  "old version of the nbgrader metadata format" 错误, 整个学生评分失败。这里把空元数据删掉,
  复制出来的单元就只是一个普通代码单元, 原来那个单元照常评分。
- `StderrAsStdout`: nbgrader 把测试单元里任何 stderr 输出判为 0 分 (库的警告、进度条都算)。
  评分只应看测试是否报错, 所以把测试单元里的 stderr 流改记为 stdout, 前面标上 [stderr]。

不负责: 沙箱、篡改检测。

Example (nbgrader_config.py):
    c.Autograde.sanitize_preprocessors = [..., DeduplicateIds, DropEmptyNbgraderMetadata, ...]
"""
from __future__ import annotations

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
