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


def test_check_reference_catches_mismatch():
    with pytest.raises(GradingError, match=r"sum\(\[1, 2\]\)"):
        check_reference(lambda xs: sum(xs) + 1, sum, [([1, 2],)])
    assert check_reference(sum, sum, [([1],)]) is None, "不能返回数值 (nbgrader 会当作部分得分)"


# ---------------------------------------------------------------- 库自动检查的性质
def _fails(student, expected, cases, match, **kw):
    with pytest.raises(GradingError, match=match) as info:
        check_reference(student, expected, cases, **kw)
    msg = str(info.value)
    assert "<function" not in msg and " at 0x" not in msg, msg
    return msg


def test_a_mutating_function_fails():
    def mutating_sum(xs):
        xs.append(100)
        return sum(xs[:-1])

    msg = _fails(mutating_sum, sum, [([1, 2],), ([],)], "第 1 个参数 xs 被改动了")
    assert "长度 原来 2 现在 3" in msg and "100" in msg

    def sort_docs(docs):  # 嵌套的 list: 报出改动的位置
        for d in docs:
            d.sort()
        return len(docs)

    msg = _fails(sort_docs, len, [([["b", "a"], ["c"]],)], r"第 1 个参数 docs 被改动了: 位置 \[0\]\[0\] 原来 'b' 现在 'a'")

    def normalise(x):  # numpy 原地除法
        x /= np.linalg.norm(x)
        return x.copy()

    _fails(normalise, lambda x: x / np.linalg.norm(x), [(np.array([3.0, 4.0]),)], r"位置 \[0\] 原来 3\.0 现在 0\.6")

    def prune(lexicon, n):  # 集合、字典
        lexicon.discard("长词")
        return n

    _fails(prune, lambda lexicon, n: n, [({"长词", "短"}, 1)], "少了元素 \\['长词'\\]")

    def drop_key(vocab):
        vocab.pop("a")
        return 0

    _fails(drop_key, lambda vocab: 0, [({"a": 1, "b": 2},)], "键 'a' 被删掉了")
    # call() 也查参数有没有被改动; 消息里写的是调用前的输入
    with pytest.raises(GradingError, match=r"调用 mutating_sum\(\[1, 2\]\) 之后, 第 1 个参数 xs 被改动了"):
        call(mutating_sum, [1, 2])


def test_a_mutating_torch_function_fails():
    torch = pytest.importorskip("torch")

    def scale(logits, t):
        logits /= t
        return logits.clone()

    _fails(scale, lambda z, t: z / t, [(torch.tensor([2.0, 4.0]), 2.0)], r"第 1 个参数 logits 被改动了: 位置 \[0\] 原来 2\.0 现在 1\.0")
    with pytest.raises(GradingError, match="dtype 原来 torch.float32 现在 torch.float64"):
        call(lambda x: setattr(x, "data", x.data.double()), torch.zeros(2), name="f")
    # 模型参数被改了也算
    model = torch.nn.Linear(2, 1)
    with pytest.raises(GradingError, match=r"\.weight"):
        call(lambda m: m.weight.data.zero_(), model, name="evaluate")


def test_an_aliasing_return_fails():
    torch = pytest.importorskip("torch")

    def decode(ids):  # 空输入时直接返回参数本身
        return ids if not ids else [str(i) for i in ids]

    msg = _fails(decode, lambda ids: [str(i) for i in ids], [([1],), ([],)], "是同一个对象")
    assert "第 1 个参数 ids" in msg and "[第 2/2 组输入]" in msg
    # numpy 视图、torch 张量本身、torch.from_numpy、放在 dict 里的参数
    _fails(lambda x: x[:], lambda x: x.copy(), [(np.arange(3.0),)], "共用内存")
    _fails(lambda z, t: z if t == 1 else z / t, lambda z, t: z / t, [(torch.ones(3), 1.0)], "logits|第 1 个参数")
    _fails(lambda a: torch.from_numpy(a), lambda a: a.tolist(), [(np.arange(3.0),)], "共用内存")
    _fails(lambda xs: {"kept": xs}, lambda xs: {"kept": list(xs)}, [([1, 2],)], r"返回值中的 \['kept'\]")
    with pytest.raises(GradingError, match="是同一个对象"):
        call(lambda xs: xs, [1], name="identity")
    call(lambda xs: tuple(xs), (1, 2), name="tuple 不算")  # 不可变的元组可以原样返回


def test_a_cached_shared_result_fails():
    torch = pytest.importorskip("torch")
    cache = {}

    def causal_mask(n):  # 每个 n 只算一次, 返回的是缓存里那一个张量
        if n not in cache:
            cache[n] = torch.ones(n, n, dtype=torch.bool).tril()
        return cache[n]

    def fresh(n):
        return torch.ones(n, n, dtype=torch.bool).tril()

    _fails(causal_mask, fresh, [(1,), (3,), (4,)], "再调用一次, 结果变了")

    buffers = {}

    def double(x):  # 每种形状复用同一个输出缓冲区
        out = buffers.setdefault(x.shape, np.empty(x.shape))
        np.multiply(x, 2, out=out)
        return out

    _fails(double, lambda x: 2 * x, [(np.array([1.0, 2.0]),), (np.array([5.0, 6.0]),)], "被改掉了")


def test_a_stale_cache_keyed_by_shape_fails():
    torch = pytest.importorskip("torch")
    means = {}

    def layer_norm(x):  # 按形状缓存均值: 同形状的第二个输入用的还是第一个的均值
        mu = means.setdefault(tuple(x.shape), x.mean(-1, keepdim=True))
        return x - mu

    cases = [(torch.tensor([[1.0, 3.0]]),), (torch.tensor([[5.0, 9.0]]),)]
    msg = _fails(layer_norm, lambda x: x - x.mean(-1, keepdim=True), cases, r"\[第 2/2 组输入\]")
    assert "期望" in msg and "-2.0" in msg


def test_stale_state_is_caught_in_student_mode(monkeypatch):
    """学生模式下拿不到参考解答; 累积状态 (可变默认参数) 也由内核里的重新调用抓住。"""
    monkeypatch.setattr(grading, "_emit", lambda record: None)
    monkeypatch.setenv("COURSE_GRADING_MODE", "student")

    def count(tokens, seen=[]):  # noqa: B006 —— 故意的可变默认参数
        seen.extend(tokens)
        return len(set(seen))

    with pytest.raises(GradingError, match="再调用一次, 结果变了"):
        check_reference(count, grading.PENDING, [(["a", "b"],), (["c"],)])


def test_correct_functions_pass_and_record_the_same_in_both_modes(monkeypatch):
    torch = pytest.importorskip("torch")
    cases = {
        "sorted": (lambda xs: sorted(xs), [([3, 1, 2],), ([],), ([1, 1],)]),
        "normalise": (lambda x: x / np.linalg.norm(x), [(np.array([3.0, 4.0]),), (np.array([1.0, 0.0]),)]),
        "temperature": (lambda z, t: z / t, [(torch.tensor([[1.0, 2.0]]), 1.0), (torch.randn(2, 3), 0.5)]),
        "vocab": (lambda corpus: {w: i for i, w in enumerate(sorted({w for s in corpus for w in s}))},
                  [([["b", "a"], ["c"]],), ([],)]),
        "pair": (lambda x: (float(x.sum()), x * 2), [(np.ones(3),), (np.zeros(2),)]),
    }
    counts = {}
    for m in ("key", "student", ""):
        emitted = []
        monkeypatch.setattr(grading, "_emit", emitted.append)
        monkeypatch.setenv("COURSE_GRADING_MODE", m)
        for fn, cs in cases.values():
            check_reference(fn, grading.PENDING if m == "student" else fn, cs, close=True, name="f")
        counts[m] = len(emitted)
    assert counts["key"] == counts["student"] == sum(len(cs) for _, cs in cases.values()) and counts[""] == 0


def test_inplace_opt_out():
    torch = pytest.importorskip("torch")

    def clip_(x, hi):  # 练习明确要求原地修改并返回 x
        return x.clamp_(max=hi)

    fresh = lambda x, hi: x.clamp(max=hi)  # noqa: E731
    cases = [(torch.tensor([1.0, 5.0]), 2.0), (torch.tensor([3.0]), 1.0)]
    with pytest.raises(GradingError, match="被改动了"):
        check_reference(clip_, fresh, cases)
    check_reference(clip_, fresh, cases, inplace_ok=True)
    check_reference(clip_, fresh, cases, inplace_ok={"x"})
    check_reference(clip_, fresh, cases, inplace_ok=[0])
    with pytest.raises(GradingError, match="被改动了"):
        check_reference(clip_, fresh, cases, inplace_ok={"hi"})
    call(clip_, torch.tensor([9.0]), 1.0, inplace_ok=True)


def test_stateful_arguments_are_not_compared():
    torch = pytest.importorskip("torch")
    # 生成器本来就会前进; 迭代器只能遍历一次: 都不算改动参数
    check_reference(lambda z, g: int(torch.multinomial(torch.softmax(z, -1), 1, generator=g)),
                    lambda z, g: 1, [(torch.tensor([-1e9, 0.0]), torch.Generator().manual_seed(0))])
    assert call(lambda it: sum(it), iter([1, 2]), name="total") == 3
    rng = np.random.default_rng(0)
    call(lambda r: r.random(), rng, name="draw")


def test_messages_name_functions_and_inputs_reproducibly():
    def make_lm(seed, V):
        def next_logprobs(prefix):
            return [float(seed)] * V
        return next_logprobs

    msg = _fails(lambda lm, n: n + 1, lambda lm, n: n, [(make_lm(3, 5), 2)], "next_logprobs")
    assert "seed=3" in msg and "V=5" in msg, msg
    msg = _fails(lambda f: 1, lambda f: 0, [(lambda x: x,)], "lambda")
    msg = _fails(lambda x: 1, lambda x: 0, [(np.zeros((200, 300)),)], "形状 \\(200, 300\\)")
    msg = _fails(lambda x: 1, lambda x: 0, [(0,)], "种子 7", describe=lambda x: "种子 7, 形状 (4, 300)")
    msg = _fails(lambda x: int(x == 1), lambda x: 0, [(0,), (1,)], r"第二组\) \[第 2/2 组输入\]",
                 describe=["第一组", "第二组"])
    with pytest.raises(GradingError) as info:
        call(lambda f: 1 / 0, print, name="g")
    assert "<built-in" not in str(info.value) and "g(print)" in str(info.value)
    assert grading._scrub("<function f at 0x7f00ab>, <Foo object at 0x1>") == "<function f>, <Foo>"


def test_long_dict_difference_shows_the_differing_key():
    expected = {f"词{i:03d}": i for i in range(500)}
    actual = dict(expected, **{"词250": -1})
    with pytest.raises(GradingError) as info:
        assert_equal(actual, expected, what="build_vocab(大语料)")
    msg = str(info.value)
    assert "位置 ['词250']: 期望 250, 得到 -1" in msg, msg
    assert "'词249': 249" in msg and "'词251': 251" in msg and "…(前 248 个键)" in msg, msg
    assert len(msg) < 800
    # 缺少的键: 写出键和期望值
    missing = {k: v for k, v in expected.items() if k != "词400"}
    with pytest.raises(GradingError, match=r"缺少键 '词400' \(期望值 400\)"):
        assert_equal(missing, expected)
    # 长列表: 不同之处在后半段也看得到
    long_e = list(range(1000))
    long_a = long_e[:700] + [0] + long_e[701:]
    with pytest.raises(GradingError) as info:
        assert_equal(long_a, long_e)
    assert "[700] 0" in str(info.value) and "[700] 700" in str(info.value) and "[699] 699" in str(info.value)
    # 长度不同: 指出从哪里开始多/少
    with pytest.raises(GradingError, match=r"前 1000 项都相同, 从位置 \[1000\] 起多出了 1 项"):
        assert_equal(long_e + [5], long_e)
    # 答案键的比较 (评分进程) 用同样的消息
    record = {"expected": grading.encode_plain(expected), "exact": True, "rtol": 0, "atol": 0, "what": "w", "hint": ""}
    assert "'词250'" in grading.compare(actual, record)


def test_reference_loads_from_source():
    notebooks = sorted(grading.SOURCE_DIR.glob("week*/*.ipynb"))
    assert notebooks, "source/ 里应有 notebook"
    gid = next(iter(grading._solution_cells(notebooks[0])))
    assert callable(grading.reference(gid))
    with pytest.raises(GradingError, match="找不到参考解答"):
        grading.reference("no_such_function")
