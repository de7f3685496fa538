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

库自动检查的性质 (不用测试作者手写; 只判学生自己的行为, 所以只在内核里判, 不产生答案键记录,
key 与 student 模式记录的条数不变):
- **参数不变** (`call` 与 `check_reference`): 调用前给传给学生的参数对象拍一份私有快照
  (numpy 数组: 值、dtype、形状; torch 张量: 值、dtype、形状, 不比 requires_grad 与 .grad;
  list/tuple/dict/set 逐层; nn.Module 比 state_dict), 调用后逐项比较, 指出第几个参数、哪个位置被改了。
  生成器、函数、随机数生成器这类本来就有状态的对象不比较; 超过 10 万项的容器 (整个 jieba 词典)
  只比较长度 (逐项快照太慢)。
- **返回值不与参数共用** (`call` 与 `check_reference`; 类的构造函数除外): 返回值 (逐层穿过
  list/tuple/dict) 里的可变容器不能就是参数里的那个对象, 数组/张量不能与参数的内存重叠
  (视图、`np.asarray`、`torch.from_numpy` 都算)。
- **没有陈旧状态** (`check_reference`): 全部输入比较完之后, (1) 之前各组返回的对象的值必须没变
  (返回了共享缓冲区的会被后来的调用改掉); (2) 把所有返回值原地涂改 (数组/张量填 nan 或 +1,
  list/dict/set 清空), 参数快照必须仍然一致; (3) 用新拷贝的输入重新调用第一组、最后一组和前两组
  返回了非空可变对象的输入, 结果必须与第一次相同 —— 抓住模块级缓存、可变默认参数、返回被缓存的
  共享对象。按形状做键、"第一次算的为准" 的缓存, 由 *第二组同形状的输入* 在答案键比较时抓住:
  所以隐藏测试的 cases 里每种形状至少要有两组值不同的输入 (随机生成的输入一般自然满足)。
- 练习文字明确允许原地修改 (in-place) 的函数, 测试写 `inplace_ok=True` (或参数名/位置的集合)
  关掉该参数的 "不变" 与 "不共用" 检查 —— 练习文字必须写明这一点。

消息可复现: 写出失败的输入 (或测试给的说明 `describe=`) 与第几组, 函数按名字显示 (不出现
`<function … at 0x…>`), 长的值只截取不同之处附近的一段, 不会把不同之处截掉。

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
import collections.abc
import contextlib
import copy
import functools
import inspect
import itertools
import json
import math
import operator
import os
import re
import sys
import types
import warnings
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

import numpy as np

# 在导入时记下类型, 之后学生改写 np.ndarray 之类的名字不影响判断
_NDARRAY = np.ndarray
_NP_GENERIC = np.generic
_BUILTIN_SCALARS = (bool, int, float, str, type(None))
_ATOM_TYPES = frozenset({type(None), bool, int, float, complex, str, bytes})  # 不可变的内置值
_MUTABLE = (list, dict, set, bytearray)
# 认可的字典相等: dict、defaultdict (继承 dict 的), Counter 与 OrderedDict 自己的 __eq__ (不是学生写的)
_DICT_EQ = (dict.__eq__, collections.Counter.__eq__, collections.OrderedDict.__eq__)

COURSE_ROOT = Path(__file__).resolve().parents[1]
SOURCE_DIR = COURSE_ROOT / "source"
MAX_SHOWN = 300   # 消息里一个值最多展示的字符数 (更长时只展示不同之处附近)
MAX_WHAT = 1200   # 输入说明 (what) 最多的字符数
WINDOW = 2        # 节选时不同之处两边各展示几项
BIG = 100_000     # 参数里更大的容器只检查长度有没有变 (逐项快照太慢)


class GradingError(AssertionError):
    """检查未通过; 消息是给学生看的中文说明。"""

    def __init__(self, message: str = ""):
        super().__init__(_scrub(str(message)))


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
               "what": _clip(str(what), MAX_WHAT), "hint": hint})
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


def call(fn: Callable, *args, name: str | None = None, inplace_ok: bool | Iterable[int | str] = False,
         **kwargs):
    """安静地调用学生函数; 抛出的异常变成一条带输入的中文说明。

    同时检查 (只在内核里): 参数在调用之后没有被改动, 返回值不与参数共用对象或内存
    (fn 是类时不查这一条: 构造函数本来就会保存参数)。练习明确允许原地修改时传 inplace_ok:
    True 表示所有参数, 或参数名 / 从 0 起的位置的集合, 例如 inplace_ok={"logits"}。

    Example: call(len, [1, 2]) -> 2
    """
    label = name or _callable_name(fn)
    guard = _Guard(fn, args, kwargs, inplace_ok)
    what = _Lazy(lambda: f"{label}({guard.args_before()})")  # 只在出错时才写出参数 (调用前的值)
    result = _invoke(fn, args, kwargs, label, what)
    guard.after_call(result, what, alias=not isinstance(fn, type))
    return result


class _Lazy:
    """用到时才算的字符串 (f-string 里照常使用)。"""

    def __init__(self, make: Callable[[], str]):
        self.make, self.text = make, None

    def __str__(self) -> str:
        if self.text is None:
            self.text = self.make()
        return self.text

    __format__ = lambda self, spec: format(str(self), spec)  # noqa: E731


def _invoke(fn: Callable, args: tuple, kwargs: dict, label: str, what: Any):
    try:
        with quiet():
            return fn(*args, **kwargs)
    except NotImplementedError:
        raise GradingError(f"{label} 还没有实现 (NotImplementedError)。请在答案单元里写出你的实现。") from None
    except GradingError:
        raise
    except Exception as exc:  # 学生代码的任何异常
        raise GradingError(f"调用 {what} 时抛出了 {type(exc).__name__}: {_clip(str(exc), MAX_SHOWN)}") from None


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


def _torch():
    return sys.modules.get("torch")  # 没有 import torch 的内核里不会出现张量, 也不必导入它


def _is_tensor(x: Any) -> bool:
    torch = _torch()
    return torch is not None and isinstance(x, torch.Tensor)


def _is_module(x: Any) -> bool:
    torch = _torch()
    return torch is not None and isinstance(x, torch.nn.Module)


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
    found = _first_diff(a, e, rtol=rtol, atol=atol)
    if found is not None:
        raise GradingError(_message(what, e, a, found[1], hint, found[0]))


def compare(actual: Any, record: dict) -> str | None:
    """在评分进程里用答案键的一条记录比较纯数据; 一致时返回 None, 否则返回中文说明。

    actual 是学生记录里 decode_plain 之后的值。
    Example: compare(1.0, {"expected": 1.0, "exact": False, "rtol": 1e-9, "atol": 0, "what": "x", "hint": ""}) -> None
    """
    e = decode_plain(record["expected"])
    rtol, atol = (0.0, 0.0) if record["exact"] else (record["rtol"], record["atol"])
    found = _first_diff(actual, e, rtol=rtol, atol=atol)
    return None if found is None else _message(record["what"], e, actual, found[1], record["hint"], found[0])


def assert_true(condition: bool, message: str) -> None:
    """条件必须真正为 True (是内置 bool, 不是会说谎的对象)。

    Example: assert_true(1 + 1 == 2, "算术出错了")
    """
    if type(condition) is not bool and not isinstance(condition, _NP_GENERIC):
        raise GradingError(f"{message} (检查得到的不是布尔值, 而是 {type(condition).__name__})")
    if not bool(condition):
        raise GradingError(message)


def _diff(a: Any, e: Any, *, rtol: float, atol: float, path: str = "") -> str | None:
    """返回第一处不同的描述; 完全一致时返回 None。(保留给旧代码; 新代码用 _first_diff)"""
    found = _first_diff(a, e, rtol=rtol, atol=atol)
    return None if found is None else found[1]


def _first_diff(a: Any, e: Any, *, rtol: float, atol: float, path: tuple = ()) -> tuple[tuple, str] | None:
    """纯数据 a (得到) 与 e (期望) 的第一处不同: (路径, 中文描述); 一致时返回 None。

    路径是一串下标/键, 例如 (3, "甲") 表示 [3]['甲']。
    Example: _first_diff([1, 2], [1, 3], rtol=0, atol=0) -> ((1,), '位置 [1]: 期望 3, 得到 2')
    """
    where = f"位置 {_fmt_path(path)}: " if path else ""
    if isinstance(e, bool) or isinstance(a, bool):
        return None if type(a) is type(e) and a == e else (path, f"{where}期望 {_render(e, 80)}, 得到 {_render(a, 80)}")
    if isinstance(e, (int, float)) and isinstance(a, (int, float)):
        if math.isnan(e) or math.isnan(a):
            return None if math.isnan(e) and math.isnan(a) else (path, f"{where}期望 {e!r}, 得到 {a!r}")
        if math.isinf(e) or math.isinf(a):
            return None if a == e else (path, f"{where}期望 {e!r}, 得到 {a!r}")
        if rtol == 0.0 and atol == 0.0:
            return None if a == e else (path, f"{where}期望 {e!r}, 得到 {a!r}")
        if abs(a - e) <= atol + rtol * abs(e):
            return None
        return path, f"{where}期望 {e!r}, 得到 {a!r} (差 {abs(a - e):.3g}, 容差 atol={atol:g}, rtol={rtol:g})"
    if isinstance(e, list):
        if not isinstance(a, list):
            return path, f"{where}期望一个序列 (长度 {len(e)}), 得到 {_type_name(a)}"
        for i, (ai, ei) in enumerate(zip(a, e)):
            found = _first_diff(ai, ei, rtol=rtol, atol=atol, path=path + (i,))
            if found is not None:
                if len(a) != len(e):
                    return found[0], f"{where}长度不同: 期望 {len(e)}, 得到 {len(a)}; 第一处不同: {found[1]}"
                return found
        if len(a) != len(e):
            m = min(len(a), len(e))
            more = f"多出了 {len(a) - m} 项" if len(a) > len(e) else f"少了 {len(e) - m} 项"
            return path + (m,), f"{where}长度不同: 期望 {len(e)}, 得到 {len(a)} (前 {m} 项都相同, 从位置 [{m}] 起{more})"
        return None
    if isinstance(e, dict):
        if not isinstance(a, dict):
            return path, f"{where}期望一个字典 (dict), 得到 {_type_name(a)}"
        missing = [k for k in e if k not in a]
        extra = [k for k in a if k not in e]
        if missing or extra:
            parts = []
            if missing:
                shown = ", ".join(f"{_render(k, 60)} (期望值 {_render(e[k], 60)})" for k in missing[:5])
                parts.append(f"缺少键 {shown}" + (f" 等, 共缺 {len(missing)} 个" if len(missing) > 5 else ""))
            if extra:
                shown = ", ".join(f"{_render(k, 60)} (得到的值 {_render(a[k], 60)})" for k in extra[:5])
                parts.append(f"多出键 {shown}" + (f" 等, 共多 {len(extra)} 个" if len(extra) > 5 else ""))
            return path + ((missing or extra)[0],), where + "; ".join(parts)
        for k in e:
            found = _first_diff(a[k], e[k], rtol=rtol, atol=atol, path=path + (k,))
            if found is not None:
                return found
        return None
    if type(a) is type(e) and a == e:
        return None
    if isinstance(e, str) and isinstance(a, str) and max(len(a), len(e)) > 60:
        i = next((j for j, (x, y) in enumerate(zip(a, e)) if x != y), min(len(a), len(e)))
        lo = max(0, i - 15)
        return path, (f"{where}字符串从第 {i} 个字符起不同: 期望 {_render(e[lo:i + 15], 80)}…, "
                      f"得到 {_render(a[lo:i + 15], 80)}… (长度 {len(e)} 与 {len(a)})")
    return path, f"{where}期望 {_render(e, 120)}, 得到 {_render(a, 120)}"


# ---------------------------------------------------------------- 自动检查的性质: 参数不变、不共用、无陈旧状态
class _Attr(str):
    """路径里的属性名 (nn.Module 的参数): 显示成 .name 而不是 ['name']。"""


def _snapshot(x: Any, memo: set | None = None, depth: int = 0, flat: set | None = None) -> tuple:
    """参数的私有快照 (值的拷贝), 之后用 _changed 与调用后的对象比较。

    Example: _changed(_snapshot([1, [2]]), [1, [3]]) -> ((1, 0), '原来 2 现在 3')
    """
    t = type(x)
    if t in _ATOM_TYPES or isinstance(x, _NP_GENERIC):
        return ("atom", x)
    memo = set() if memo is None else memo
    flat = set() if flat is None else flat  # 只含不可变值的 list/dict 的 id (不可能与返回值共用更深的对象)
    if id(x) in memo or depth > 40:
        return ("skip",)
    memo.add(id(x))
    try:
        if isinstance(x, _NDARRAY):
            return ("nd", _NDARRAY.copy(x))
        if _is_tensor(x):
            return ("tensor", x.detach().clone())
        if _is_module(x):
            return ("module", {k: v.detach().clone() for k, v in x.state_dict(keep_vars=True).items()
                               if _is_tensor(v)})
        if isinstance(x, (list, tuple, dict, set, frozenset)) and len(x) > BIG:
            flat.add(id(x))
            return ("len", len(x))  # 太大 (如 35 万词的词典): 逐项比较太慢, 只比较长度
        if isinstance(x, (list, tuple)):
            if _all_atoms(x):
                flat.add(id(x))
                return ("seqfast", tuple(x), tuple if isinstance(x, tuple) else list)
            return ("seq", [_snapshot(v, memo, depth + 1, flat) for v in x], tuple if isinstance(x, tuple) else list)
        if isinstance(x, dict):
            if _all_atoms(dict.values(x)):
                flat.add(id(x))  # 值是原来那些 (不可变的) 对象: 没改动时逐个 "is" 就够了, 比 == 快得多
                return ("mapfast", dict(x), tuple(dict.keys(x)), tuple(dict.values(x)))
            return ("map", {k: _snapshot(v, memo, depth + 1, flat) for k, v in dict.items(x)})
        if isinstance(x, (set, frozenset)):
            return ("set", frozenset(x))
        if isinstance(x, bytearray):
            return ("atom", bytes(x))
    except Exception:  # 拷不了的对象就不比较
        return ("skip",)
    return ("skip",)  # 生成器、函数、随机数生成器等: 本来就有状态, 不比较


class _Skipped:
    def __repr__(self):
        return "…"


def _restore(snap: tuple | None, now: Any) -> Any:
    """从快照还原调用前的值 (只用于在消息里写出调用前的参数)。"""
    kind = snap[0] if snap else "skip"
    if kind in ("atom", "nd", "tensor"):
        return snap[1]
    if kind == "seqfast":
        return snap[2](snap[1])
    if kind == "seq":
        return snap[2](_restore(s, _Skipped()) for s in snap[1])
    if kind == "mapfast":
        return dict(snap[1])
    if kind == "map":
        return {k: _restore(v, _Skipped()) for k, v in snap[1].items()}
    if kind == "set":
        return set(snap[1])
    return now  # 不比较的对象、只比长度的大容器: 写出现在的样子 (大容器反正只写得下开头)


def _all_atoms(values) -> bool:
    return set(map(type, values)) <= _ATOM_TYPES


def _same_atom(before: Any, now: Any) -> bool:
    if before is now:
        return True
    if type(before) is not type(now):
        return False
    if isinstance(before, float) and math.isnan(before):
        return math.isnan(now)
    try:
        return bool(before == now)
    except Exception:
        return False


def _changed(snap: tuple, now: Any, path: tuple = ()) -> tuple[tuple, str] | None:
    """快照与现在的对象比较: 第一处改动 (路径, 中文描述) 或 None。"""
    kind = snap[0]
    if kind == "skip":
        return None
    if kind == "len":
        try:
            n_now = len(now)
        except TypeError:
            n_now = None
        return None if n_now == snap[1] else (path, f"长度 原来 {snap[1]} 现在 {n_now}")
    if kind == "atom":
        before = snap[1]
        if isinstance(now, bytearray):
            now = bytes(now)
        return None if _same_atom(before, now) else (path, f"原来 {_render(before, 80)} 现在 {_render(now, 80)}")
    if kind == "nd":
        return _array_changed(snap[1], now, path)
    if kind == "tensor":
        return _tensor_changed(snap[1], now, path)
    if kind == "module":
        if not _is_module(now):
            return path, f"原来是 nn.Module, 现在是 {_type_name(now)}"
        current = {k: v for k, v in now.state_dict(keep_vars=True).items() if _is_tensor(v)}
        for k, old in snap[1].items():
            if k not in current:
                return path + (_Attr(k),), "这个参数 (或缓冲区) 不见了"
            found = _tensor_changed(old, current[k], path + (_Attr(k),))
            if found is not None:
                return found
        return None
    if kind in ("seqfast", "seq"):
        if not isinstance(now, (list, tuple)):
            return path, f"原来是序列, 现在是 {_type_name(now)}"
        n_before = len(snap[1])
        if kind == "seqfast" and len(now) == n_before and all(map(operator.is_, now, snap[1])):
            return None
        for i, v in enumerate(now[:n_before]):
            found = (_changed(("atom", snap[1][i]), v, path + (i,)) if kind == "seqfast"
                     else _changed(snap[1][i], v, path + (i,)))
            if found is not None:
                return found
        if len(now) != n_before:
            grown = f" (多出的 [{n_before}] 是 {_render(now[n_before], 60)})" if len(now) > n_before else ""
            return path, f"长度 原来 {n_before} 现在 {len(now)}{grown}"
        return None
    if kind in ("mapfast", "map"):
        if not isinstance(now, dict):
            return path, f"原来是字典, 现在是 {_type_name(now)}"
        before = snap[1]
        if (kind == "mapfast" and len(now) == len(before) and all(map(operator.is_, dict.keys(now), snap[2]))
                and all(map(operator.is_, dict.values(now), snap[3]))):
            return None
        for k in before:
            if k not in now:
                return path + (k,), f"键 {_render(k, 60)} 被删掉了 (原来的值 {_render(before[k], 60) if kind == 'mapfast' else '…'})"
            found = (_changed(("atom", before[k]), now[k], path + (k,)) if kind == "mapfast"
                     else _changed(before[k], now[k], path + (k,)))
            if found is not None:
                return found
        extra = [k for k in now if k not in before]
        if extra:
            return path + (extra[0],), f"多了键 {_render(extra[0], 60)} (值 {_render(now[extra[0]], 60)}), 共多 {len(extra)} 个"
        return None
    if kind == "set":
        if not isinstance(now, (set, frozenset)):
            return path, f"原来是集合, 现在是 {_type_name(now)}"
        now_set = frozenset(now)
        if now_set == snap[1]:
            return None
        gone, new = sorted(snap[1] - now_set, key=repr), sorted(now_set - snap[1], key=repr)
        parts = ([f"少了元素 {_render(gone[:5], 120)}" + (f" 等 {len(gone)} 个" if len(gone) > 5 else "")] if gone else []) + \
                ([f"多了元素 {_render(new[:5], 120)}" + (f" 等 {len(new)} 个" if len(new) > 5 else "")] if new else [])
        return path, "; ".join(parts)
    return None


def _array_changed(old: np.ndarray, now: Any, path: tuple) -> tuple[tuple, str] | None:
    if not isinstance(now, _NDARRAY):
        return path, f"原来是 numpy 数组, 现在是 {_type_name(now)}"
    if now.shape != old.shape:
        return path, f"形状 原来 {tuple(old.shape)} 现在 {tuple(now.shape)}"
    if now.dtype != old.dtype:
        return path, f"dtype 原来 {old.dtype} 现在 {now.dtype}"
    try:
        same = np.asarray(old == now, dtype=bool)
        if old.dtype.kind in "fc":
            same = same | (np.isnan(old) & np.isnan(now))
        if same.shape != old.shape:
            raise ValueError
    except Exception:  # 结构化 / 对象数组: 逐个比较
        flat_old, flat_now = old.ravel().tolist(), now.ravel().tolist()
        same = np.array([_same_atom(x, y) for x, y in zip(flat_old, flat_now)], dtype=bool).reshape(old.shape)
    if bool(same.all()):
        return None
    idx = tuple(int(i) for i in np.argwhere(~same)[0]) if old.ndim else ()
    return path + idx, f"原来 {_render(old[idx], 80)} 现在 {_render(now[idx], 80)}"


def _tensor_changed(old: Any, now: Any, path: tuple) -> tuple[tuple, str] | None:
    torch = _torch()
    if not _is_tensor(now):
        return path, f"原来是 torch 张量, 现在是 {_type_name(now)}"
    if tuple(now.shape) != tuple(old.shape):
        return path, f"形状 原来 {tuple(old.shape)} 现在 {tuple(now.shape)}"
    if now.dtype != old.dtype:
        return path, f"dtype 原来 {old.dtype} 现在 {now.dtype}"
    if old.device != now.device:
        return path, f"设备 原来 {old.device} 现在 {now.device}"
    try:
        cur = now.detach()
        same = old == cur
        if old.is_floating_point() or old.is_complex():
            same = same | (torch.isnan(old) & torch.isnan(cur))
        if bool(same.all()):
            return None
        idx = tuple(int(i) for i in torch.nonzero(~same)[0].tolist()) if old.dim() else ()
    except Exception:  # 稀疏、量化等少见的张量: 不比较
        return None
    return path + idx, f"原来 {_render(old[idx].item(), 80)} 现在 {_render(now.detach()[idx].item(), 80)}"


def _memory_range(x: Any) -> tuple[str, int, int] | None:
    """数组 / 张量实际用到的内存 [lo, hi) 与设备; 空的返回 None。"""
    if isinstance(x, _NDARRAY):
        if x.size == 0:
            return None
        lo = hi = x.__array_interface__["data"][0]
        for n, st in zip(x.shape, x.strides):
            if st < 0:
                lo += (n - 1) * st
            else:
                hi += (n - 1) * st
        return "cpu", lo, hi + x.itemsize
    if _is_tensor(x):
        try:
            if x.numel() == 0 or x.layout != _torch().strided:
                return None
            lo = x.data_ptr()
            span = 1 + sum((n - 1) * st for n, st in zip(x.shape, x.stride()))
            return str(x.device), lo, lo + span * x.element_size()
        except Exception:
            return None
    return None


def _containers(x: Any, path: tuple, out: list, memo: set, depth: int = 0, flat: set = frozenset()) -> None:
    """收集 x 里的可变容器与数组/张量: [(对象, 路径)], 逐层穿过 list/tuple/dict。"""
    if type(x) in _ATOM_TYPES or id(x) in memo or depth > 40:
        return
    memo.add(id(x))
    if isinstance(x, _NDARRAY) or _is_tensor(x):
        out.append((x, path))
    elif isinstance(x, (list, tuple)):
        if isinstance(x, list):
            out.append((x, path))
        if id(x) not in flat and not _all_atoms(x):
            for i, v in enumerate(x):
                _containers(v, path + (i,), out, memo, depth + 1, flat)
    elif isinstance(x, dict):
        out.append((x, path))
        if id(x) not in flat and not _all_atoms(dict.values(x)):
            for k, v in dict.items(x):
                _containers(v, path + (k,), out, memo, depth + 1, flat)
    elif isinstance(x, (set, bytearray)):
        out.append((x, path))


def _find_alias(result: Any, args: Sequence, skip: set, flat: set = frozenset()) -> tuple | None:
    """返回值里与某个参数共用的对象: (返回值里的路径, 参数位置, 参数里的路径) 或 None。"""
    owners: dict[int, tuple] = {}
    ranges: list[tuple] = []
    for pos, arg in enumerate(args):
        if pos in skip:
            continue
        found: list = []
        _containers(arg, (), found, set(), flat=flat)
        for obj, path in found:
            owners.setdefault(id(obj), (pos, path))
            r = _memory_range(obj)
            if r is not None:
                ranges.append((r, pos, path))
    if not owners:
        return None
    inside: list = []
    _containers(result, (), inside, set())
    for obj, path in inside:
        if id(obj) in owners:
            return (path,) + owners[id(obj)]
        r = _memory_range(obj)
        if r is not None:
            for (dev, lo, hi), pos, apath in ranges:
                if dev == r[0] and lo < r[2] and r[1] < hi:
                    return path, pos, apath
    return None


def _scribble(x: Any, memo: set | None = None, depth: int = 0) -> None:
    """原地涂改返回值 (数组/张量填 nan 或 +1, 容器清空), 模拟调用方随手修改了结果。"""
    memo = set() if memo is None else memo
    if type(x) in _ATOM_TYPES or id(x) in memo or depth > 40:
        return
    memo.add(id(x))
    try:
        if isinstance(x, _NDARRAY):
            if x.size and x.flags.writeable:
                if x.dtype.kind in "fc":
                    x.fill(np.nan)
                elif x.dtype.kind in "iu":
                    np.add(x, 1, out=x, casting="unsafe")
                elif x.dtype.kind == "b":
                    np.logical_not(x, out=x)
        elif _is_tensor(x):
            if x.numel():
                with _torch().no_grad():
                    if x.is_floating_point() or x.is_complex():
                        x.fill_(float("nan"))
                    elif x.dtype == _torch().bool:
                        x.logical_not_()
                    else:
                        x.add_(1)
        elif isinstance(x, (list, tuple)):
            for v in x:
                _scribble(v, memo, depth + 1)
            if isinstance(x, list):
                x.clear()
        elif isinstance(x, dict):
            for v in list(dict.values(x)):
                _scribble(v, memo, depth + 1)
            x.clear()
        elif isinstance(x, (set, bytearray)):
            x.clear()
    except Exception:  # 只读、推理模式的张量等: 改不了也就不会被改
        pass


def _param_names(fn: Callable) -> list[str]:
    try:
        params = inspect.signature(fn).parameters.values()
    except (TypeError, ValueError):
        return []
    names = []
    for p in params:
        if p.kind == p.VAR_POSITIONAL:
            break
        if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD):
            names.append(p.name)
    return names


class _Guard:
    """一次调用的参数快照; 调用后检查参数不变、返回值不共用。"""

    def __init__(self, fn: Callable, args: tuple, kwargs: dict, inplace_ok):
        self.fn, self.n_pos, self.kw = fn, len(args), list(kwargs)
        self.args = list(args) + list(kwargs.values())
        if inplace_ok is True:
            self.skip = set(range(len(self.args)))
        elif not inplace_ok:
            self.skip = set()
        else:
            allowed = {inplace_ok} if isinstance(inplace_ok, (int, str)) else set(inplace_ok)
            keys = list(range(len(args))) + list(kwargs)
            self.skip = {i for i, k in enumerate(keys)
                         if i in allowed or k in allowed or (i < len(self.names) and self.names[i] in allowed)}
        self.flat: set = set()
        with quiet():
            self.snaps = [None if i in self.skip else _snapshot(a, flat=self.flat) for i, a in enumerate(self.args)]

    def args_before(self) -> str:
        """调用前的参数 (从快照还原; 学生改动参数之后, 消息里写的仍是原来的输入)。"""
        values = [_restore(snap, a) for snap, a in zip(self.snaps, self.args)]
        kwargs = dict(zip(self.kw, values[self.n_pos:]))
        return _fmt_args(tuple(values[: self.n_pos]), kwargs)

    @functools.cached_property
    def names(self) -> list[str]:
        return _param_names(self.fn)

    def _label(self, i: int) -> str:
        if i >= self.n_pos:
            return f"参数 {self.kw[i - self.n_pos]}"
        return f"第 {i + 1} 个参数" + (f" {self.names[i]}" if i < len(self.names) else "")

    def check_unchanged(self, what: str, when: str = "") -> None:
        with quiet():
            for i, (snap, arg) in enumerate(zip(self.snaps, self.args)):
                found = None if snap is None else _changed(snap, arg)
                if found is not None:
                    path, change = found
                    where = f"位置 {_fmt_path(path)} " if path else ""
                    raise GradingError(
                        f"{when}调用 {what} 之后, {self._label(i)} 被改动了: {where}{change}。\n"
                        "  提示: 函数不应修改传进来的参数 (调用方还要用它); 需要改动时先复制一份"
                        " (list(x)、dict(x)、x.copy()、x.clone())。"
                        + ("" if not when else " 也可能是返回值与参数共用了对象, 调用方改动返回值时连带改了参数。"))

    def check_no_alias(self, result: Any, what: str) -> None:
        with quiet():
            found = _find_alias(result, self.args, self.skip, self.flat)
        if found is not None:
            rpath, pos, apath = found
            rwhere = f"中的 {_fmt_path(rpath)} " if rpath else ""
            awhere = f"的 {_fmt_path(apath)}" if apath else ""
            raise GradingError(
                f"{what} 的返回值{rwhere}与{self._label(pos)}{awhere} 是同一个对象 (或共用内存, 例如视图)。\n"
                "  提示: 返回新的对象 (list(x)、dict(x)、x.copy()、x.clone()), 否则调用方改动结果时会连带改动输入。")

    def after_call(self, result: Any, what: str, alias: bool = True) -> None:
        self.check_unchanged(what)
        if alias:
            self.check_no_alias(result, what)


# ---------------------------------------------------------------- 与参考解答比较
def check_reference(student: Callable, expected_fn: Callable, cases: Iterable[tuple], *,
                    close: bool = False, rtol: float = 1e-7, atol: float = 0.0,
                    hint: str = "", name: str | None = None,
                    inplace_ok: bool | Iterable[int | str] = False,
                    describe: Callable[..., str] | Sequence[str] | None = None) -> None:
    """在每组输入上比较学生函数与参考函数; 任何一组不一致都抛出 GradingError。

    不返回数值: nbgrader 会把测试单元最后一个表达式的数值当作部分得分。
    cases 里每一项是传给两个函数的位置参数 tuple; 两边各拿一份深拷贝, 谁改了输入都不影响对方。
    除了与参考解答比较 (记入答案键), 还在内核里检查模块文档里说的性质: 参数不变、返回值不与
    参数共用、没有陈旧状态 (见模块文档; 练习允许原地修改时传 inplace_ok, 见 call)。
    describe: 输入太长、消息里写不下时, 给每组输入一句可复现的说明 (例如 "种子 3, 形状 (4, 300)"):
    一个接收同样参数、返回字符串的函数, 或与 cases 等长的字符串列表。

    Example: check_reference(my_len, len, [([1, 2],), ([],)])
    """
    label = name or next((c for c in (_callable_name(student), _callable_name(expected_fn) if expected_fn is not PENDING
                                       else "") if c and not c.startswith(("lambda", "<"))), "函数")
    cases = [tuple(args) for args in cases]
    n = len(cases)
    tol = (rtol, atol) if close else (1e-9, 1e-12)  # 同一个函数两次调用的结果: 精确比较时也容许末位舍入
    runs = []
    for k, args in enumerate(cases):
        def what_of(args=args, k=k):
            if describe is None:
                shown = _fmt_args(args, {})
            else:
                shown = describe[k] if not callable(describe) else describe(*args)
            return f"{label}({shown})" + (f" [第 {k + 1}/{n} 组输入]" if n > 1 else "")

        what = _Lazy(what_of)
        if expected_fn is PENDING:
            expected = PENDING
        else:
            with quiet():
                expected = expected_fn(*copy.deepcopy(args))
        passed = copy.deepcopy(args)  # 学生拿到的参数; 快照是另拍的一份
        guard = _Guard(student, passed, {}, inplace_ok)
        result = _invoke(student, passed, {}, label, what)
        plain = to_plain(result)
        if close:
            assert_close(plain, expected, rtol=rtol, atol=atol, what=what, hint=hint)
        else:
            assert_equal(plain, expected, what=what, hint=hint)
        guard.after_call(result, what, alias=not isinstance(student, type))
        runs.append((what, guard, result, plain))
    if not runs:
        return
    # 没有陈旧状态: (1) 之前返回的对象没被后来的调用改掉
    for k, (what, _, result, plain) in enumerate(runs[:-1]):
        found = _first_diff(to_plain(result), plain, rtol=tol[0], atol=tol[1])
        if found is not None:
            raise GradingError(
                f"{what} 返回的对象, 在之后用别的输入调用 {label} 时被改掉了: {found[1]}。\n"
                "  提示: 每次调用都返回新的对象, 不要把结果存进全局变量、缓存或同一个缓冲区里反复使用。")
    # (2) 调用方原地改动返回值之后, 参数不受影响
    for _, guard, result, _ in runs:
        _scribble(result)
    for what, guard, _, _ in runs:
        guard.check_unchanged(what, when="把返回值原地改掉 (清空、填 nan) 之后再看: ")
    # (3) 用新拷贝的输入再调用几组, 结果必须与第一次相同
    again = [0, n - 1] + [k for k, (_, _, _, plain) in enumerate(runs) if _has_content(plain)][:2]
    for k in sorted(set(again)):
        what, _, _, first = runs[k]
        result = _invoke(student, copy.deepcopy(cases[k]), {}, label, what)
        found = _first_diff(to_plain(result), first, rtol=tol[0], atol=tol[1])
        if found is not None:
            raise GradingError(
                f"同一个输入再调用一次, 结果变了: {what}, 在调用过其余 {n - 1} 组输入、并把之前的返回值原地改掉之后,"
                f" 第二次的结果与第一次不同: {found[1]}。\n"
                "  提示: 函数不应保留上一次调用的状态 (全局变量、缓存、可变的默认参数),"
                " 也不要返回会被调用方改动的共享对象。")


def _has_content(plain: Any) -> bool:
    return isinstance(plain, (list, dict)) and len(plain) > 0


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
        wrapped = lambda *args, **kwargs: post(fn(*args, **kwargs))  # noqa: E731
        wrapped.__name__ = wrapped.__qualname__ = grade_id
        return wrapped
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
_ADDRESS = re.compile(r"<((?:[^<>]|<[^<>]*>)*?)(?: object)? at 0x[0-9a-fA-F]+>")


def _scrub(text: str) -> str:
    """去掉消息里的内存地址 (`<function f at 0x7f…>` → `<function f>`): 每次运行都不同, 无法复现。"""
    return _ADDRESS.sub(lambda m: f"<{m.group(1)}>", text)


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 12] + f" …(共 {len(text)} 字)"


def _type_name(x: Any) -> str:
    return type(x).__name__


def _callable_name(fn: Any) -> str:
    """函数的可读名字: lambda、闭包里的简单参数 (种子、大小) 也写出来, 不出现内存地址。

    Example: _callable_name(len) -> 'len'
    """
    if isinstance(fn, functools.partial):
        bound = [_render(a, 40) for a in fn.args] + [f"{k}={_render(v, 40)}" for k, v in fn.keywords.items()]
        return f"partial({_callable_name(fn.func)}, {', '.join(bound)})"
    if isinstance(fn, type):
        return fn.__name__
    if _is_module(fn):
        return type(fn).__name__
    if isinstance(fn, types.FunctionType):
        name = fn.__name__  # 不带外层函数名 (qualname 里的 "outer.<locals>.")
    elif isinstance(fn, types.MethodType):
        name = f"{type(fn.__self__).__name__}.{getattr(fn.__func__, '__name__', '方法')}"
    else:
        name = getattr(fn, "__qualname__", None) or getattr(fn, "__name__", None) or type(fn).__name__
    name = str(name).replace("<locals>.", "").replace("<lambda>", "lambda")
    code, cells = getattr(fn, "__code__", None), getattr(fn, "__closure__", None)
    if isinstance(fn, types.FunctionType) and code is not None and cells:
        shown = []
        for var, cell in zip(code.co_freevars, cells):
            try:
                v = cell.cell_contents
            except ValueError:
                continue
            if type(v) in (bool, int, float, str) and len(repr(v)) <= 30:
                shown.append(f"{var}={v!r}")
        if shown:
            name += "[" + ", ".join(shown[:6]) + "]"
    return name


def _render(x: Any, budget: int = 10**9, _depth: int = 0) -> str:
    """值的可读写法: 纯数据就是 repr; 数组、张量、函数、模型等写成可复现的样子, 不出现内存地址。

    超出 budget 时按结构截断并注明总数 (只用于展示输入; 比较结果时见 _message 的节选)。
    Example: _render(np.array([1, 2])) -> 'np.array([1, 2], dtype=int64)'
    """
    t = type(x)
    if x is PENDING:
        return "PENDING"
    if t in (bool, int, float, complex, type(None)):
        return repr(x)
    if t is str or t is bytes:
        r = repr(x)
        return r if len(r) <= budget else repr(x[: max(8, budget - 20)]) + f"…(共 {len(x)} 字)"
    if isinstance(x, _NP_GENERIC):
        return repr(x.item())
    if _depth > 20:
        return "…"
    if isinstance(x, _NDARRAY):
        head = f"np.array(形状 {tuple(x.shape)}, dtype={x.dtype})"
        if x.size > 10_000:
            return head
        inner = _render(x.tolist(), max(0, budget - 30), _depth + 1)
        return f"np.array({inner}, dtype={x.dtype})" if "…" not in inner else f"{head}: {inner}"
    if _is_tensor(x):
        extra = "" if x.device.type == "cpu" else f", device='{x.device}'"
        head = f"torch.tensor(形状 {tuple(x.shape)}, dtype={x.dtype}{extra})"
        if x.numel() > 10_000 or x.layout != _torch().strided:
            return head
        inner = _render(x.detach().cpu().tolist(), max(0, budget - 40), _depth + 1)
        return f"torch.tensor({inner}, dtype={x.dtype}{extra})" if "…" not in inner else f"{head}: {inner}"
    if _is_module(x):
        n = sum(p.numel() for p in x.parameters())
        return f"{type(x).__name__}(…, {n} 个参数)"
    torch = _torch()
    if torch is not None and isinstance(x, torch.Generator):
        return f"torch.Generator(初始种子 {x.initial_seed()})"
    if isinstance(x, np.random.Generator):
        return "np.random.Generator(…)"
    if isinstance(x, (list, tuple, set, frozenset, dict)):
        if isinstance(x, (set, frozenset)) and len(x) > 2000:
            return f"{t.__name__}(…共 {len(x)} 个元素)"
        if isinstance(x, dict):
            items = list(itertools.islice(dict.items(x), max(1, budget // 4)))  # 大字典只取写得下的前几项
            open_, close = "{", "}"
        else:
            items = sorted(x, key=repr) if isinstance(x, (set, frozenset)) else list(itertools.islice(x, max(1, budget // 2)))
            open_, close = ("[", "]") if isinstance(x, list) else ("(", ")") if isinstance(x, tuple) else ("{", "}")
        parts, used, cut = [], 2, False
        for i, item in enumerate(items):
            left = budget - used
            if left < 8:
                cut = True
                break
            s = (f"{_render(item[0], left, _depth + 1)}: {_render(item[1], left, _depth + 1)}"
                 if isinstance(x, dict) else _render(item, left, _depth + 1))
            if used + len(s) > budget and i > 0:
                cut = True
                break
            parts.append(s)
            used += len(s) + 2
        if cut or len(parts) < len(x):
            parts.append(f"…(共 {len(x)} 项)")
        body = ", ".join(parts) + ("," if isinstance(x, tuple) and len(items) == 1 else "")
        if isinstance(x, (set, frozenset)) and not items:
            return "set()"
        s = open_ + body + close
        plain_types = (list, tuple, dict, set)
        return s if t in plain_types else f"{t.__name__}({s})"
    if callable(x):
        return _callable_name(x)
    if isinstance(x, (types.GeneratorType, collections.abc.Iterator)):
        return f"{t.__name__} (只能遍历一次的迭代器)"
    try:
        r = repr(x)
    except Exception:
        r = ""
    if not r or " at 0x" in r or len(r) > budget:
        return f"<{t.__name__} 对象>"
    return r


def _short(x: Any) -> str:
    return _render(x, MAX_SHOWN)


def _fmt_args(args: tuple, kwargs: dict, budget: int = 600) -> str:
    """参数列表的写法; 每个参数分到一部分长度预算, 超出时按结构截断并注明总数。"""
    n = max(1, len(args) + len(kwargs))
    each = max(60, budget // n)
    parts = [_render(a, each) for a in args] + [f"{k}={_render(v, each)}" for k, v in kwargs.items()]
    return ", ".join(parts)


def _fmt_path(path: tuple) -> str:
    return "".join(f".{p}" if isinstance(p, _Attr) else f"[{_render(p, 60)}]" for p in path)


def _walk(x: Any, path: tuple) -> list:
    """沿路径往下走, 返回每一层的对象 (走不下去就停)。"""
    nodes = [x]
    for step in path:
        cur = nodes[-1]
        try:
            if isinstance(cur, dict) and step in cur:
                nodes.append(cur[step])
            elif isinstance(cur, list) and isinstance(step, int) and 0 <= step < len(cur):
                nodes.append(cur[step])
            else:
                break
        except TypeError:
            break
    return nodes


def _window(container: Any, step: Any, anchor: Any = None) -> str:
    """容器在 step 附近的一段: 前后各 WINDOW 项, 其余写成 "…(前 k 项)"。"""
    if isinstance(container, dict):
        keys = list(container)
        if step in container:
            i = keys.index(step)
        else:  # 这一边没有这个键: 在另一边的同一个位置附近看
            i = min(anchor if isinstance(anchor, int) else 0, max(0, len(keys) - 1))
        lo, hi = max(0, i - WINDOW), min(len(keys), i + WINDOW + 1)
        body = [f"{_render(k, 60)}: {_render(container[k], 100)}" for k in keys[lo:hi]]
        left = [f"…(前 {lo} 个键)"] if lo else []
        right = [f"…(后 {len(keys) - hi} 个键)"] if hi < len(keys) else []
        return "{" + ", ".join(left + body + right) + "}"
    if isinstance(container, list):
        i = step if isinstance(step, int) else 0
        lo, hi = max(0, i - WINDOW), min(len(container), i + WINDOW + 1)
        body = [f"[{j}] {_render(container[j], 100)}" for j in range(lo, hi)]
        left = [f"…(前 {lo} 项)"] if lo else []
        right = [f"…(后 {len(container) - hi} 项)"] if hi < len(container) else []
        return "[" + ", ".join(left + body + right) + "]"
    return _render(container, MAX_SHOWN)


def _message(what: str, expected: Any, actual: Any, problem: str, hint: str, path: tuple = ()) -> str:
    lines = [f"{what} 的结果不对。", f"  {problem}"]
    e_full, a_full = _render(expected), _render(actual)
    if len(e_full) <= MAX_SHOWN and len(a_full) <= MAX_SHOWN:
        if path or f"期望 {e_full}, 得到 {a_full}" not in problem:  # 标量的不同已经写全了, 不重复
            lines += [f"  期望: {e_full}", f"  得到: {a_full}"]
    elif path:
        # 太长: 只展示不同之处所在的那一层容器里、它前后的几项
        e_nodes, a_nodes = _walk(expected, path[:-1]), _walk(actual, path[:-1])
        depth = min(len(e_nodes), len(a_nodes)) - 1
        step = path[depth]
        e_index = next((list(node).index(step) for node in (e_nodes[depth], a_nodes[depth])
                        if isinstance(node, dict) and step in node), None)
        lines += [f"  期望 ({_fmt_path(path[:depth + 1])} 附近的节选): {_window(e_nodes[depth], step, e_index)}",
                  f"  得到 ({_fmt_path(path[:depth + 1])} 附近的节选): {_window(a_nodes[depth], step, e_index)}"]
    else:
        lines += [f"  期望: {_render(expected, MAX_SHOWN)}", f"  得到: {_render(actual, MAX_SHOWN)}"]
    if hint:
        lines.append(f"  提示: {hint}")
    return _scrub("\n".join(lines))
