"""course.grading: 纯数据比较、中文消息、屏蔽 stderr、不信任学生的命名空间。"""
from __future__ import annotations

import sys
import warnings

import numpy as np
import pytest

from course import grading
from course.grading import GradingError, assert_close, assert_equal, call, check_reference, to_plain


class AlwaysEqual:
    def __eq__(self, other):
        return True


class LyingList(list):
    def __eq__(self, other):
        return True


class LyingCounter(__import__("collections").Counter):
    def __eq__(self, other):
        return True


def test_to_plain_converts_known_types():
    import torch

    assert to_plain(np.array([[1, 2]])) == [[1, 2]]
    assert to_plain(np.float64(0.5)) == 0.5
    assert to_plain(torch.tensor([1.5])) == [1.5]
    assert to_plain({("a", "b"): np.int64(2)}) == {("a", "b"): 2}
    assert to_plain({3, 1, 2}) == [1, 2, 3]
    from collections import Counter, OrderedDict, defaultdict

    assert to_plain(Counter("aab")) == {"a": 2, "b": 1}
    assert to_plain(defaultdict(int, a=1)) == {"a": 1} == to_plain(OrderedDict(a=1))


@pytest.mark.parametrize("liar", [AlwaysEqual(), LyingList([1]), LyingCounter("a")])
def test_always_equal_objects_are_rejected(liar):
    with pytest.raises(GradingError, match="类型"):
        assert_equal(liar, [1, 2, 3])


def test_patched_numpy_comparisons_do_not_help(monkeypatch):
    monkeypatch.setattr(np, "allclose", lambda *a, **k: True)
    monkeypatch.setattr(np.testing, "assert_allclose", lambda *a, **k: None)
    with pytest.raises(GradingError):
        assert_close(np.array([1.0, 2.0]), np.array([1.0, 2.5]), rtol=1e-6)


def test_assert_close_tolerance_and_message():
    assert_close([0.1 + 0.2], [0.3], rtol=1e-12)
    with pytest.raises(GradingError) as info:
        assert_close([1.0, 2.0], [1.0, 2.1], atol=1e-3, what="f(x)", hint="看第 2 节")
    msg = str(info.value)
    assert "f(x) 的结果不对" in msg and "[1]" in msg and "期望" in msg and "得到" in msg and "看第 2 节" in msg


def test_nan_inf_and_bool_are_exact():
    assert_close(float("-inf"), float("-inf"))
    assert_close(float("nan"), float("nan"))
    with pytest.raises(GradingError):
        assert_close(float("-inf"), -1e308)
    with pytest.raises(GradingError):
        assert_equal(1, True)


def test_dict_differences_are_named():
    with pytest.raises(GradingError, match="缺少键"):
        assert_equal({"a": 1}, {"a": 1, "b": 2})
    with pytest.raises(GradingError, match="多出键"):
        assert_equal({"a": 1, "c": 3}, {"a": 1})


def test_quiet_keeps_warnings_and_stderr_away(capsys):
    def noisy():
        warnings.warn("库的警告")
        print("写到 stderr", file=sys.stderr)
        return np.log(np.array([0.0]))[0]

    assert call(noisy) == float("-inf")
    out = capsys.readouterr()
    assert out.err == "" and "写到 stderr" in out.out


def test_call_explains_exceptions():
    def todo(x):
        raise NotImplementedError()

    def broken(x):
        return 1 / 0

    with pytest.raises(GradingError, match="还没有实现"):
        call(todo, 1)
    with pytest.raises(GradingError, match=r"broken\(\[1, 2\]\).*ZeroDivisionError"):
        call(broken, [1, 2])


def test_check_reference_catches_mismatch_and_protects_inputs():
    def mutating_sum(xs):
        xs.append(100)
        return sum(xs[:-1])

    check_reference(mutating_sum, sum, [([1, 2],), ([],)])
    with pytest.raises(GradingError, match=r"sum\(\[1, 2\]\)"):
        check_reference(lambda xs: sum(xs) + 1, sum, [([1, 2],)])
    assert check_reference(sum, sum, [([1],)]) is None, "不能返回数值 (nbgrader 会当作部分得分)"


def test_reference_loads_from_source():
    notebooks = sorted(grading.SOURCE_DIR.glob("week*/*.ipynb"))
    assert notebooks, "source/ 里应有 notebook"
    gid = next(iter(grading._solution_cells(notebooks[0])))
    assert callable(grading.reference(gid))
    with pytest.raises(GradingError, match="找不到参考解答"):
        grading.reference("no_such_function")
