"""两个 nbgrader 预处理器的单元测试 (端到端效果见 test_pipeline.py)。"""
from __future__ import annotations

import nbformat
from nbgrader.preprocessors import DeduplicateIds
from nbgrader.utils import determine_grade

from course.instructor.nbgrader_ext import DropEmptyNbgraderMetadata, StderrAsStdout


def _test_cell(outputs):
    cell = nbformat.v4.new_code_cell("check()", metadata={"nbgrader": {
        "grade": True, "solution": False, "locked": True, "grade_id": "test_f", "points": 2, "schema_version": 3}})
    cell.outputs = [nbformat.from_dict(o) for o in outputs]
    return cell


def test_stderr_in_a_test_cell_no_longer_scores_zero():
    nb = nbformat.v4.new_notebook()
    nb.cells = [_test_cell([{"output_type": "stream", "name": "stderr", "text": "UserWarning: 库的警告\n"}])]
    assert determine_grade(nb.cells[0])[0] == 0  # nbgrader 默认: 0 分
    nb, _ = StderrAsStdout().preprocess(nb, {})
    out = nb.cells[0].outputs[0]
    assert out.name == "stdout" and out.text.startswith("[stderr] UserWarning")
    assert determine_grade(nb.cells[0]) == (2.0, 2.0)


def test_errors_still_score_zero():
    nb = nbformat.v4.new_notebook()
    nb.cells = [_test_cell([{"output_type": "stream", "name": "stderr", "text": "x\n"},
                            {"output_type": "error", "ename": "GradingError", "evalue": "结果不对", "traceback": []}])]
    nb, _ = StderrAsStdout().preprocess(nb, {})
    assert determine_grade(nb.cells[0])[0] == 0


def test_duplicate_grade_id_becomes_a_plain_cell():
    meta = {"nbgrader": {"grade": False, "solution": True, "locked": False, "grade_id": "f", "schema_version": 3}}
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("def f(): ...", metadata=meta),
                nbformat.v4.new_code_cell("def f(): ...", metadata=nbformat.from_dict(meta))]
    nb, _ = DeduplicateIds().preprocess(nb, {})
    # nbgrader 从后往前保留最后一个, 前面的留下空元数据 —— 它会让整份作业评分失败
    assert nb.cells[0].metadata["nbgrader"] == {}
    nb, _ = DropEmptyNbgraderMetadata().preprocess(nb, {})
    assert "nbgrader" not in nb.cells[0].metadata and nb.cells[1].metadata["nbgrader"]["grade_id"] == "f"
