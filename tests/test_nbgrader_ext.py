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


def test_feedback_verdict_uses_only_trusted_text():
    """结论只用答案键 (可信) 写成; 学生的返回值只给数字或类型与长度的摘要, 内核报错只给异常类别。"""
    from course.instructor.nbgrader_ext import describe_actual, trusted_verdict

    key = [{"expected": {"d": [["甲", 1], ["乙", 2]]}, "exact": True, "rtol": 0, "atol": 0,
            "what": "count(['甲', '乙', '乙'])", "hint": "数一数"}]
    secret = "check_reference(tfidf, reference('tfidf'), cases)  # 隐藏测试的源码"
    got = [{"actual": {"d": [["甲", 1], ["乙", 3], [secret, 9]]}}]
    msg = trusted_verdict(key, got, None)
    assert "count(['甲', '乙', '乙'])" in msg and "数一数" in msg and "3" in msg
    assert secret not in msg and "reference" not in msg
    assert trusted_verdict(key, [{"actual": {"d": [["甲", 1], ["乙", 2]]}}], None) is None
    err = trusted_verdict(key, [], ("Exception", "LEAK[" + secret))
    assert "Exception" in err and "count(['甲', '乙', '乙'])" in err and secret not in err and "LEAK" not in err
    assert describe_actual("x" * 500 + secret, "y", ()) .startswith("长度")
    assert describe_actual([1, 2, 5], [1, 2, 3], (2,)) == "长度 3 的列表; 位置 [2] 上是 5"


def test_verify_outside_kernel_rebuilds_test_cell_outputs(monkeypatch, tmp_path):
    """学生模式: 测试单元的输出整个换成评分进程的结论; execute_result (sys.displayhook) 留不下; 得分随之而定。"""
    import nbformat
    from nbformat.v4 import new_code_cell, new_notebook, new_output

    from course.grading import CHECK_MIME
    from course.instructor import answer_key, nbgrader_ext

    key = {"test_f": [{"expected": 2, "exact": True, "rtol": 0, "atol": 0, "what": "f(1)", "hint": ""}],
           "test_g": [{"expected": 3, "exact": True, "rtol": 0, "atol": 0, "what": "g(1)", "hint": ""}]}
    monkeypatch.setattr(answer_key, "load_key", lambda *a, **k: key)
    monkeypatch.setenv("COURSE_GRADING_MODE", "student")

    def test_cell(gid, actual):
        cell = new_code_cell(f"check({gid})", metadata={"nbgrader": {"grade": True, "solution": False,
                                                                       "grade_id": gid, "points": 1}})
        cell.outputs = [new_output("display_data", data={CHECK_MIME: {"actual": actual}, "text/plain": "<check>"}),
                        new_output("execute_result", data={"text/plain": "'ok'"}, execution_count=1)]
        return cell

    nb = new_notebook(cells=[test_cell("test_f", 2), test_cell("test_g", 99)])
    nb, _ = nbgrader_ext.VerifyOutsideKernel().preprocess(
        nb, {"nbgrader": {"assignment": "a", "notebook": "n", "student": "s"}})
    nbformat.validate(nb)
    (f_out,), (g_out,) = nb.cells[0].outputs, nb.cells[1].outputs
    assert f_out.output_type == "stream" and "通过" in f_out.text
    assert g_out.output_type == "error" and "g(1)" in g_out.evalue and "99" in g_out.evalue
    from nbgrader.utils import determine_grade

    assert determine_grade(nb.cells[0])[0] == 1 and determine_grade(nb.cells[1])[0] == 0


def test_student_markdown_links_cannot_run_javascript():
    """学生 markdown 里的 javascript: / data: 链接在反馈里不再是能点的链接 (第二轮攻击里 [x](javascript:…) 留了下来)。"""
    import bleach

    from course.instructor.nbgrader_ext import clean_student_markdown

    tags = set(bleach.ALLOWED_TAGS) | {"p"}
    for source in ("[点我](javascript:alert(1))", '<a href="javascript:alert(1)">点我</a>',
                   "[点我](JaVaScRiPt:alert(1))", "[点我](data:text/html;base64,PHNjcmlwdD4=)",
                   '<img src=x onerror="alert(1)">', "<script>alert(1)</script>"):
        html = clean_student_markdown(source, tags).lower()
        assert "javascript:" not in html and "data:" not in html and "<script" not in html, (source, html)
        assert "onerror" not in html, (source, html)
    kept = clean_student_markdown("见 [课程主页](https://example.org/llm) 与 **加粗**", tags)
    assert '<a href="https://example.org/llm">课程主页</a>' in kept and "<strong>加粗</strong>" in kept
