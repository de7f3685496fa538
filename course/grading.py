"""评分辅助 (grading helpers): 测试单元里调用的检查函数, 消息用中文。

测试单元要短, 比较逻辑都在这里:

- `quiet()`: 调用学生函数时屏蔽警告, 并把 stderr 转到 stdout ——nbgrader 见到测试单元里的任何
  stderr 输出就给 0 分, 一个会触发库警告的正确答案不应因此失分。
- `to_plain()`: 把返回值严格转换成 Python 内置数据 (int/float/str/list/dict …)。
  只认识的类型才转换, 所以 "`__eq__` 永远返回 True" 的对象拿不到分。
- `assert_equal` / `assert_close`: 在纯 Python 数据上比较, 不调用 numpy 的比较函数,
  学生改写 `np.allclose` 也影响不到这里。
- `reference(grade_id)`: 从 `source/` 里该题唯一的参考解答构造参考函数 (只在讲师一侧可用)。
- `check_reference(...)`: 在一组带种子的输入上, 逐一比较学生函数和参考解答。

三种模式 (环境变量 COURSE_GRADING_MODE, 见 course/instructor/answer_key.py):
- 空 (默认): 在内核里直接比较, 就像学生自己按 Validate;
- `key`: 讲师一侧用参考解答跑一遍测试单元, 每个检查把 *期望值* 记成纯数据 (答案键, answer key);
- `student`: 沙箱里评学生, 拿不到参考解答 (`reference()` 只给一个占位 PENDING), 每个检查把学生的
  *实际值* 记成纯数据; 评分进程在内核之外把它和答案键比较 (course.instructor.answer_key.verify_cell)。
  学生改写比较函数、返回 "永远相等" 的对象都得不到分: 比较根本不在学生的命名空间里做。

不负责: 沙箱隔离 (course/instructor/sandbox.py) 与篡改扫描 (course/instructor/tamper.py)。

Example:
    >>> assert_close([0.5, 0.25], [0.5, 0.25 + 1e-12], atol=1e-9)
"""
from __future__ import annotations

import collections
import contextlib
import json
import math
import os
import sys
import warnings
from pathlib import Path
from typing import Any, Callable, Iterable

import numpy as np

# 在导入时记下类型, 之后学生改写 np.ndarray 之类的名字不影响判断
_NDARRAY = np.ndarray
_NP_GENERIC = np.generic
_BUILTIN_SCALARS = (bool, int, float, str, type(None))
# 认可的字典相等: dict、defaultdict (继承 dict 的), Counter 与 OrderedDict 自己的 __eq__ (不是学生写的)
_DICT_EQ = (dict.__eq__, collections.Counter.__eq__, collections.OrderedDict.__eq__)

COURSE_ROOT = Path(__file__).resolve().parents[1]
SOURCE_DIR = COURSE_ROOT / "source"
MAX_SHOWN = 300  # 消息里展示的最大字符数


class GradingError(AssertionError):
    """检查未通过; 消息是给学生看的中文说明。"""


# ---------------------------------------------------------------- 模式与记录
CHECK_MIME = "application/vnd.course.check+json"  # 检查记录走 display_data, 评分进程取走后删除
MODES = ("", "key", "student")


def mode() -> str:
    """当前模式: '' | 'key' | 'student' (环境变量 COURSE_GRADING_MODE)。"""
    m = os.environ.get("COURSE_GRADING_MODE", "")
    if m not in MODES:
        raise GradingError(f"COURSE_GRADING_MODE={m!r} 无效, 应为 {MODES}")
    return m


class _Pending:
    """学生模式下参考解答的占位: 期望值在内核之外才算出来。"""

    _instance = None

    def __new__(cls):
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __call__(self, *args, **kwargs):
        return self

    def __repr__(self):
        return "PENDING"


PENDING = _Pending()


def _emit(record: dict) -> None:
    """把一条检查记录作为 display_data 发出 (只有 key/student 模式)。"""
    from IPython.display import publish_display_data

    publish_display_data({CHECK_MIME: record, "text/plain": "<check>"})


def _record(actual: Any, expected: Any, *, exact: bool, rtol: float, atol: float, what: str,
            hint: str) -> None:
    m = mode()
    if m == "key":
        _emit({"expected": encode_plain(expected), "exact": exact, "rtol": rtol, "atol": atol,
               "what": what[:MAX_SHOWN], "hint": hint})
    elif m == "student":
        _emit({"actual": encode_plain(actual)})


def encode_plain(x: Any) -> Any:
    """纯数据 → 可以放进 JSON 的形式 (元组键、nan/inf 也保留)。

    Example: encode_plain({("a",): 1}) -> {'d': [[{'t': ['a']}, 1]]}
    """
    if isinstance(x, float) and not math.isfinite(x):
        return {"f": repr(x)}
    if isinstance(x, list):
        return [encode_plain(v) for v in x]
    if isinstance(x, tuple):
        return {"t": [encode_plain(v) for v in x]}
    if isinstance(x, dict):
        return {"d": [[encode_plain(k), encode_plain(v)] for k, v in x.items()]}
    return x


def decode_plain(x: Any) -> Any:
    """encode_plain 的逆变换。Example: decode_plain({'f': 'nan'}) -> nan"""
    if isinstance(x, list):
        return [decode_plain(v) for v in x]
    if isinstance(x, dict):
        if "f" in x:
            return float(x["f"])
        if "t" in x:
            return tuple(decode_plain(v) for v in x["t"])
        return {decode_plain(k): decode_plain(v) for k, v in x["d"]}
    return x


# ---------------------------------------------------------------- 安静地调用
@contextlib.contextmanager
def quiet():
    """屏蔽警告, 并把 Python 层的 stderr 暂时转到 stdout。

    Example:
        >>> with quiet():
        ...     warnings.warn("不会出现在 stderr 里")
    """
    old_stderr = sys.stderr
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with np.errstate(all="ignore"):
            sys.stderr = sys.stdout
            try:
                yield
            finally:
                sys.stderr = old_stderr


def call(fn: Callable, *args, name: str | None = None, **kwargs):
    """安静地调用学生函数; 抛出的异常变成一条带输入的中文说明。

    Example: call(len, [1, 2]) -> 2
    """
    label = name or getattr(fn, "__name__", "函数")
    try:
        with quiet():
            return fn(*args, **kwargs)
    except NotImplementedError:
        raise GradingError(f"{label} 还没有实现 (NotImplementedError)。请在答案单元里写出你的实现。") from None
    except GradingError:
        raise
    except Exception as exc:  # 学生代码的任何异常
        raise GradingError(
            f"调用 {label}({_fmt_args(args, kwargs)}) 时抛出了 {type(exc).__name__}: {exc}"
        ) from None


# ---------------------------------------------------------------- 转成纯数据
def to_plain(x: Any, *, _depth: int = 0) -> Any:
    """严格地把返回值转成内置数据; 不认识的类型报错。

    numpy 数组 / 标量、torch 张量 → list / float / int; tuple → list; Counter、defaultdict → dict;
    set → 排好序的 list。

    Example: to_plain(np.array([1, 2])) -> [1, 2]
    """
    if _depth > 50:
        raise GradingError("返回值嵌套太深, 无法比较")
    t = type(x)
    if t in _BUILTIN_SCALARS:
        return x
    if isinstance(x, _NDARRAY):
        return _NDARRAY.tolist(x)
    if isinstance(x, _NP_GENERIC):
        return _NP_GENERIC.item(x)
    if _is_tensor(x):
        return x.detach().cpu().tolist()
    if isinstance(x, (list, tuple)) and t.__eq__ in (list.__eq__, tuple.__eq__):
        return [to_plain(v, _depth=_depth + 1) for v in x]
    if isinstance(x, dict) and t.__eq__ in _DICT_EQ:
        return {_key(k): to_plain(v, _depth=_depth + 1) for k, v in dict.items(x)}
    if isinstance(x, (set, frozenset)) and t.__eq__ in (set.__eq__, frozenset.__eq__):
        items = [to_plain(v, _depth=_depth + 1) for v in x]
        return sorted(items, key=repr)
    raise GradingError(
        f"返回值的类型是 {t.__name__}, 这里只接受 int/float/str/list/tuple/dict/set、"
        "numpy 数组或 torch 张量。"
    )


def _key(k: Any) -> Any:
    plain = to_plain(k)
    return tuple(plain) if isinstance(plain, list) else plain


def _is_tensor(x: Any) -> bool:
    torch = sys.modules.get("torch")
    return torch is not None and isinstance(x, torch.Tensor)


# ---------------------------------------------------------------- 比较
def assert_equal(actual: Any, expected: Any, *, what: str = "返回值", hint: str = "",
                 outside: bool = True) -> None:
    """精确相等 (在纯数据上比较)。

    outside=False: 只在内核里比较, 不进答案键 —— 只用于期望值取决于学生自己输出的检查
    (例如学生采样得到的序列与它自己的概率); 这种检查靠篡改扫描兜底。

    Example: assert_equal({("a",): 1}, {("a",): 1})
    """
    _check(actual, expected, exact=True, rtol=0.0, atol=0.0, what=what, hint=hint, outside=outside)


def assert_close(actual: Any, expected: Any, *, rtol: float = 1e-7, atol: float = 0.0,
                 what: str = "返回值", hint: str = "", outside: bool = True) -> None:
    """数值接近: |a - e| <= atol + rtol * |e|, 逐元素 (在纯数据上比较)。outside 见 assert_equal。

    Example: assert_close(0.1 + 0.2, 0.3, rtol=1e-12)
    """
    _check(actual, expected, exact=False, rtol=rtol, atol=atol, what=what, hint=hint, outside=outside)


def _check(actual: Any, expected: Any, *, exact: bool, rtol: float, atol: float, what: str, hint: str,
           outside: bool = True) -> None:
    a = to_plain(actual)
    e = None if expected is PENDING else to_plain(expected)
    if outside:
        _record(a, e, exact=exact, rtol=rtol, atol=atol, what=what, hint=hint)
    elif expected is PENDING:
        raise GradingError("outside=False 的检查不能用参考解答作期望值 (学生模式下拿不到参考解答)")
    if expected is PENDING:
        return  # 学生模式: 期望值在内核之外比较
    problem = _diff(a, e, rtol=rtol, atol=atol, path="")
    if problem is not None:
        raise GradingError(_message(what, e, a, problem, hint))


def compare(actual: Any, record: dict) -> str | None:
    """在评分进程里用答案键的一条记录比较纯数据; 一致时返回 None, 否则返回中文说明。

    actual 是学生记录里 decode_plain 之后的值。
    Example: compare(1.0, {"expected": 1.0, "exact": False, "rtol": 1e-9, "atol": 0, "what": "x", "hint": ""}) -> None
    """
    e = decode_plain(record["expected"])
    rtol, atol = (0.0, 0.0) if record["exact"] else (record["rtol"], record["atol"])
    problem = _diff(actual, e, rtol=rtol, atol=atol, path="")
    return None if problem is None else _message(record["what"], e, actual, problem, record["hint"])


def assert_true(condition: bool, message: str) -> None:
    """条件必须真正为 True (是内置 bool, 不是会说谎的对象)。

    Example: assert_true(1 + 1 == 2, "算术出错了")
    """
    if type(condition) is not bool and not isinstance(condition, _NP_GENERIC):
        raise GradingError(f"{message} (检查得到的不是布尔值, 而是 {type(condition).__name__})")
    if not bool(condition):
        raise GradingError(message)


def _diff(a: Any, e: Any, *, rtol: float, atol: float, path: str) -> str | None:
    """返回第一处不同的描述; 完全一致时返回 None。"""
    where = f"位置 {path}: " if path else ""
    if isinstance(e, bool) or isinstance(a, bool):
        return None if type(a) is type(e) and a == e else f"{where}期望 {e!r}, 得到 {a!r}"
    if isinstance(e, (int, float)) and isinstance(a, (int, float)):
        if math.isnan(e) or math.isnan(a):
            return None if math.isnan(e) and math.isnan(a) else f"{where}期望 {e!r}, 得到 {a!r}"
        if math.isinf(e) or math.isinf(a):
            return None if a == e else f"{where}期望 {e!r}, 得到 {a!r}"
        if rtol == 0.0 and atol == 0.0:
            return None if a == e else f"{where}期望 {e!r}, 得到 {a!r}"
        if abs(a - e) <= atol + rtol * abs(e):
            return None
        return f"{where}期望 {e!r}, 得到 {a!r} (差 {abs(a - e):.3g}, 容差 atol={atol:g}, rtol={rtol:g})"
    if isinstance(e, list):
        if not isinstance(a, list):
            return f"{where}期望一个序列 (长度 {len(e)}), 得到 {type(a).__name__}"
        if len(a) != len(e):
            return f"{where}长度不同: 期望 {len(e)}, 得到 {len(a)}"
        for i, (ai, ei) in enumerate(zip(a, e)):
            d = _diff(ai, ei, rtol=rtol, atol=atol, path=f"{path}[{i}]")
            if d is not None:
                return d
        return None
    if isinstance(e, dict):
        if not isinstance(a, dict):
            return f"{where}期望一个字典 (dict), 得到 {type(a).__name__}"
        missing = [k for k in e if k not in a]
        extra = [k for k in a if k not in e]
        if missing:
            return f"{where}缺少键 {_short(missing[:5])} (共缺 {len(missing)} 个)"
        if extra:
            return f"{where}多出键 {_short(extra[:5])} (共多 {len(extra)} 个)"
        for k in e:
            d = _diff(a[k], e[k], rtol=rtol, atol=atol, path=f"{path}[{k!r}]")
            if d is not None:
                return d
        return None
    if type(a) is type(e) and a == e:
        return None
    return f"{where}期望 {e!r}, 得到 {a!r}"


# ---------------------------------------------------------------- 与参考解答比较
def check_reference(student: Callable, expected_fn: Callable, cases: Iterable[tuple], *,
                    close: bool = False, rtol: float = 1e-7, atol: float = 0.0,
                    hint: str = "", name: str | None = None) -> None:
    """在每组输入上比较学生函数与参考函数; 任何一组不一致都抛出 GradingError。

    不返回数值: nbgrader 会把测试单元最后一个表达式的数值当作部分得分。

    cases 里每一项是传给两个函数的位置参数 tuple; 参数会被深拷贝, 学生函数改动输入不影响参考。

    Example: check_reference(my_len, len, [([1, 2],), ([],)])
    """
    import copy

    label = name or getattr(expected_fn, "__name__", "函数")
    for args in cases:
        if expected_fn is PENDING:
            expected = PENDING
        else:
            with quiet():
                expected = expected_fn(*copy.deepcopy(args))
        actual = call(student, *copy.deepcopy(args), name=label)
        what = f"{label}({_fmt_args(args, {})})"
        if close:
            assert_close(actual, expected, rtol=rtol, atol=atol, what=what, hint=hint)
        else:
            assert_equal(actual, expected, what=what, hint=hint)


# 参考解答: 从 source/ 的答案单元取出 (唯一的一份)
_REFERENCE_CACHE: dict[Path, dict] = {}


def reference(grade_id: str, post: Callable | None = None) -> Any:
    """从 source/ 中找到 grade_id 对应的答案单元, 执行该 notebook 的全部答案单元, 返回对应对象。

    只在讲师一侧 (有 source/ 的仓库) 可用; 答案单元必须自带 import。
    学生模式 (沙箱评分) 下返回占位 PENDING: 期望值由评分进程在内核之外给出。所以测试单元只能把
    参考解答用作 `check_reference` 的 expected_fn 或 `assert_*` 的 expected; 要先整理一下输出
    (排序、转 dict) 时传 post, 例如 `reference("skipgram_pairs", post=sorted)`。
    Example: reference("count_ngrams")(["a", "b"], 1)
    """
    if mode() == "student":
        return PENDING
    if post is not None:
        fn = reference(grade_id)
        return lambda *args, **kwargs: post(fn(*args, **kwargs))
    for nb_path in sorted(SOURCE_DIR.glob("week*/*.ipynb")):
        cells = _solution_cells(nb_path)
        if grade_id in cells:
            if nb_path not in _REFERENCE_CACHE:
                namespace: dict = {"__name__": f"reference_{nb_path.stem}"}
                for gid, code in cells.items():
                    with quiet():
                        exec(compile(code, f"<reference {gid}>", "exec"), namespace)
                _REFERENCE_CACHE[nb_path] = namespace
            return _REFERENCE_CACHE[nb_path][grade_id]
    raise GradingError(f"找不到参考解答 {grade_id!r} (reference solution not found under source/)")


def notebook_cells(nb_path: Path) -> list[dict]:
    """notebook 的代码单元: [{source, grade_id, kind}], kind ∈ answer | test | other (按出现顺序)。

    Example: notebook_cells(Path("source/week02_ngram/02_ngram.ipynb"))[1]["kind"] -> 'answer'
    """
    nb = json.loads(nb_path.read_text(encoding="utf-8"))
    out = []
    for cell in nb["cells"]:
        if cell["cell_type"] != "code":
            continue
        meta = cell.get("metadata", {}).get("nbgrader", {})
        src = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
        kind = "answer" if meta.get("solution") else "test" if meta.get("grade") else "other"
        out.append({"source": src, "grade_id": meta.get("grade_id"), "kind": kind})
    return out


def _solution_cells(nb_path: Path) -> dict[str, str]:
    """{grade_id: 源码}, 按 notebook 中的顺序; 只取答案单元。"""
    return {c["grade_id"]: c["source"] for c in notebook_cells(nb_path) if c["kind"] == "answer"}


# ---------------------------------------------------------------- 消息
def _short(x: Any) -> str:
    s = repr(x)
    return s if len(s) <= MAX_SHOWN else s[: MAX_SHOWN - 20] + f" …(共 {len(s)} 字符)"


def _fmt_args(args: tuple, kwargs: dict) -> str:
    parts = [_short(a) for a in args] + [f"{k}={_short(v)}" for k, v in kwargs.items()]
    s = ", ".join(parts)
    return s if len(s) <= MAX_SHOWN else s[: MAX_SHOWN - 20] + " …"


def _message(what: str, expected: Any, actual: Any, problem: str, hint: str) -> str:
    lines = [f"{what} 的结果不对。", f"  {problem}", f"  期望: {_short(expected)}",
             f"  得到: {_short(actual)}"]
    if hint:
        lines.append(f"  提示: {hint}")
    return "\n".join(lines)
