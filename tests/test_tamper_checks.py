"""篡改扫描 (course/instructor/tamper.py) 与内核外核对 (course/instructor/answer_key.py) 的单元测试。"""
from __future__ import annotations

import json
import math

import pytest

from course import grading
from course.instructor.answer_key import split_records, verify_cell
from course.grading import CHECK_MIME, PENDING, GradingError, decode_plain, encode_plain
from course.instructor.tamper import scan_notebook, scan_source


@pytest.mark.parametrize("code, rule", [
    ("import numpy as np\nnp.allclose = lambda *a, **k: True", "monkeypatch"),
    ("import numpy\nsetattr(numpy, 'allclose', None)", "monkeypatch"),
    ("import numpy.testing as npt\nnpt.assert_allclose = print", "monkeypatch"),
    ("class A(list):\n    def __eq__(self, other):\n        return True", "__eq__"),
    ("get_ipython().input_transformers_post.append(lambda lines: [])", "hook"),
    ("ip = get_ipython()\nip.ast_transformers.append(object())", "hook"),
    ("def f():\n    pass\nf.__code__ = (lambda: 1).__code__", "introspection"),
    ("import sys\nsys.modules['numpy'].allclose = None", "introspection"),
    ("import sqlite3\nsqlite3.connect('gradebook.db')", "database"),
    ("from subprocess import run\nrun(['ls'])", "subprocess"),
    ("import signal\nsignal.signal(signal.SIGINT, signal.SIG_IGN)", "signal"),
    ("import os\nos.kill(os.getppid(), 9)", "os.kill"),
    ("import os\nos._exit(0)", "os._exit"),
    ("exec('x = 1')", "exec"),
    ("from course.grading import reference\nf = reference('encode')", "grader"),
    ("!cat ../../gradebook.db", "hook"),
    # 局外攻击者 (第 7、8 周): 不 import sys、不 setattr、不 exec, 经 pathlib.sys.modules 找到 course.grading,
    # 用 vars(模块).update 换掉内部函数, 把可见测试写好的期望值记成 "实际值"
    ("import pathlib as _pl\ndef _p():\n    g = _pl.sys.modules.get('course.' + 'gra' + 'ding')\n"
     "    vars(g).update({'_check': print})", "introspection"),
    ("import pathlib as _pl\nfor name, mod in list(_pl.sys.modules.items()):\n    d = vars(mod)\n"
     "    d['_invoke'] = print", "vars"),
    ("def _chk(actual, expected, **kw):\n    g = _G[0]\n    g._record(expected, expected, exact=True)", "grader"),
])
def test_scan_flags_tampering(code, rule):
    flags = scan_source(code)
    assert any(rule in f.rule for f in flags), [f.rule for f in flags]


@pytest.mark.parametrize("code", [
    "import numpy as np\n\ndef cosine(a, b):\n    return float(np.dot(a, b) / (np.linalg.norm(a) * np.linalg.norm(b)))",
    "from collections import Counter\n\ndef count(xs):\n    c = Counter(xs)\n    c['x'] += 1\n    return dict(c)",
    "import torch\nmodel = torch.nn.Linear(2, 2)\nmodel.weight.data[0, 0] = 1.0",  # 对象的属性, 不是模块的
    "%time x = 1\n%matplotlib inline",
    "def f(:\n    broken",  # 语法错误只是写错了, 不算篡改
])
def test_scan_leaves_honest_code_alone(code):
    assert scan_source(code) == []


def test_scan_notebook_skips_given_cells_and_tests(tmp_path):
    def cell(src, **nbg):
        return {"cell_type": "code", "source": src, "outputs": [], "execution_count": None,
                "metadata": {"nbgrader": nbg} if nbg else {}}

    release = {"cells": [cell("import os\nos.system('echo 老师的演示')")]}
    submitted = {"cells": [release["cells"][0],
                           cell("import os\nos.system('rm -rf /')"),
                           cell("import sqlite3", grade=True, solution=False, grade_id="test_x"),
                           cell("import numpy as np\nnp.sum = len", solution=True, grade=False, grade_id="x")]}
    (tmp_path / "r.ipynb").write_text(json.dumps(release), encoding="utf-8")
    (tmp_path / "s.ipynb").write_text(json.dumps(submitted), encoding="utf-8")
    flags = scan_notebook(tmp_path / "s.ipynb", tmp_path / "r.ipynb")
    assert [(f.where, f.line) for f in flags] == [("第 2 个代码单元", 2), ("x", 2)]
    (tmp_path / "bad.ipynb").write_text("{", encoding="utf-8")
    assert scan_notebook(tmp_path / "bad.ipynb") == []


def test_plain_data_survives_json():
    x = {("a", 1): [1.5, float("nan"), -math.inf, None, True, "字"], "k": ({"n": (1, 2)},)}
    back = decode_plain(json.loads(json.dumps(encode_plain(x))))
    assert back.keys() == x.keys() and math.isnan(back[("a", 1)][1]) and back["k"] == x["k"]


def _key(expected, exact=True, rtol=0.0, atol=0.0):
    return {"expected": encode_plain(expected), "exact": exact, "rtol": rtol, "atol": atol, "what": "f(x)",
            "hint": "看 1.2 节"}


def test_verify_cell():
    key = [_key(1), _key([0.5, 0.25], exact=False, rtol=1e-9), _key({("a",): 2})]
    good = [{"actual": 1}, {"actual": [0.5, 0.25 + 1e-12]}, {"actual": encode_plain({("a",): 2})}]
    assert verify_cell(key, good) is None
    assert "第 2/3 项" in verify_cell(key, [good[0], {"actual": [0.5, 0.3]}, good[2]])
    assert "只记录到 1 项" in verify_cell(key, good[:1])
    assert "却记录到 4 项" in verify_cell(key, good + [good[0]])
    assert "记录格式不对" in verify_cell(key, [{"expected": 1}, *good[1:]])
    assert "无法解析" in verify_cell(key, [{"actual": {"d": 5}}, *good[1:]])
    assert verify_cell([_key(True)], [{"actual": 1}]) is not None, "True 与 1 不算相等"


def test_split_records_keeps_other_outputs():
    outs = [{"output_type": "stream", "name": "stdout", "text": "hi"},
            {"output_type": "display_data", "data": {CHECK_MIME: {"actual": 1}, "text/plain": "<check>"}},
            {"output_type": "display_data", "data": {"text/plain": "图"}}]
    records, rest = split_records(outs)
    assert records == [{"actual": 1}] and rest == [outs[0], outs[2]]


def test_student_mode_hides_the_reference_and_records(monkeypatch):
    emitted = []
    monkeypatch.setattr(grading, "_emit", emitted.append)
    monkeypatch.setenv("COURSE_GRADING_MODE", "student")
    assert grading.reference("encode") is PENDING
    grading.check_reference(lambda x: x * 2, PENDING, [(1,), (2,)])  # 不比较, 只记录
    grading.assert_close(0.5, 0.5000001, rtol=1e-3)
    assert emitted == [{"actual": 2}, {"actual": 4}, {"actual": 0.5}]
    with pytest.raises(GradingError):
        grading.assert_close(1.0, 2.0)  # 期望值在内核里就有时照常比较
    with pytest.raises(GradingError):
        grading.assert_equal(1, PENDING, outside=False)
    monkeypatch.setenv("COURSE_GRADING_MODE", "key")
    emitted.clear()
    grading.assert_equal([1, 2], (1, 2), what="w", hint="h")
    assert emitted == [{"expected": [1, 2], "exact": True, "rtol": 0.0, "atol": 0.0, "what": "w", "hint": "h"}]


def _honest_sources():
    """闸门的每个 alt 变体和 source/ 里每个参考解答: 诚实的代码。"""
    import re

    from course.grading import SOURCE_DIR, notebook_cells
    from course.instructor.workdir import VARIANTS_DIR

    out = [(str(p.relative_to(VARIANTS_DIR)), p.read_text(encoding="utf-8")) for p in sorted(VARIANTS_DIR.rglob("alt_*.py"))]
    for nb in sorted(SOURCE_DIR.glob("week*/*.ipynb")):
        for c in notebook_cells(nb):
            if c["kind"] == "answer":
                out.append((f"{nb.name}:{c['grade_id']}", re.sub(r"^\s*### (BEGIN|END) SOLUTION\s*$", "", c["source"], flags=re.M)))
    return out


def test_no_false_positives_on_honest_code():
    sources = _honest_sources()
    assert len(sources) > 60
    flagged = {name: [(f.rule, f.snippet) for f in scan_source(src)] for name, src in sources}
    flagged = {k: v for k, v in flagged.items() if v}
    assert not flagged, flagged


@pytest.mark.parametrize("payload", [
    "import sys\ndef f():\n    sys.displayhook('ok')\n",
    "import sys\nsys.addaudithook(lambda e, a: None)\n",
    "import os\nos.posix_spawn('/bin/sh', ['sh'], {})\n",
    "import os\nos.setsid()\n",
    "import linecache\nprint(linecache.cache)\n",
    "code = 'x = 1'\nexec(compile(code, '<s>', 'exec'))\n",
    "import sys\ngetattr(sys, 'displayhook')('ok')\n",
    "from sys import displayhook\ndisplayhook(1)\n",
    "import types\nf = types.FunctionType(g.__code__, {})\n",
    "open('/proc/1/root/tmp/work/.kernel.json').read()\n",
    "import threading\nthreading.Thread(target=print).start()\n",
])
def test_new_payload_kinds_are_flagged(payload):
    assert scan_source(payload), payload


@pytest.mark.parametrize("payload", [
    "import course\ncg = course.grading\ncg._Guard = object\n",
    "from IPython import get_ipython as gi\ngi().events.register('pre_run_cell', print)\n",
    "import numpy as np\nlib = np.ctypeslib.ctypes.CDLL(None)\n",
    "import os\nos.write(2, b'FAKE-LOG-LINE')\n",
    "from IPython.display import update_display\nupdate_display({'text/plain': 'x'}, raw=True, display_id='a')\n",
])
def test_payloads_from_the_held_out_attacker_are_flagged(payload):
    assert scan_source(payload), payload


@pytest.mark.parametrize("text", [
    "[]", '{"cells": [{"cell_type": "code"}]}', '{"cells": [{"cell_type": "code", "metadata": null, "source": "x"}]}',
    '{"cells": [{"cell_type": "code", "metadata": {"nbgrader": "x"}, "source": "x"}]}',
    '{"cells": [{"cell_type": "code", "metadata": {}, "source": "x = a' + '.b' * 100000 + '"}]}',
    '{"cells": [{"cell_type": "code", "metadata": {}, "source": "' + '-' * 200000 + '1"}]}',
], ids=["list", "no-source", "null-metadata", "string-nbgrader", "deep-attribute", "long-unary"])
def test_scanner_never_crashes_on_hostile_notebooks(tmp_path, text):
    nb = tmp_path / "x.ipynb"
    nb.write_text(text, encoding="utf-8")
    assert isinstance(scan_notebook(nb), list)


@pytest.mark.parametrize("grade_id, code, hit", [
    ("adamw_step", "import torch\n\ndef adamw_step(p, g, m, v, step, lr):\n    opt = torch.optim.AdamW([p], lr=lr)\n", "AdamW"),
    ("lr_schedule", "from torch.optim.lr_scheduler import LinearLR\n", "LinearLR"),
    ("bpe_encode", "from course.tokenizer import load_bpe\n\ndef bpe_encode(text, merges):\n    return load_bpe().encode(text)\n",
     "load_bpe"),
    ("train_bpe", "from tokenizers import trainers\n", "tokenizers"),
    ("bpe_decode", "def bpe_decode(ids, merges, special_tokens=None):\n"
                   "    table = token_bytes_table(merges)  # notebook 前面 import 过\n", "token_bytes_table"),
    ("layer_norm", "import torch.nn.functional as F\n\ndef layer_norm(x, g, b, eps=1e-5):\n"
                   "    return F.layer_norm(x, x.shape[-1:], g, b, eps)\n", "layer_norm"),
])
def test_library_shortcuts_are_flagged(grade_id, code, hit):
    """局外攻击者: 用被对照的库实现练习能拿满分 —— 这里只标出来给讲师复核 (不扣分)。"""
    from course.instructor.tamper import scan_shortcuts

    assert any(hit in f.rule for f in scan_shortcuts(grade_id, code)), scan_shortcuts(grade_id, code)


def test_own_helpers_with_library_names_are_not_shortcuts():
    from course.instructor.tamper import scan_shortcuts

    code = ("def cached_attention(attn, x_new, cache):\n"
            "    return scaled_dot_product_attention(q, k, v, mask)  # 第 5 周给出的函数\n")
    assert scan_shortcuts("cached_attention", code) == []
    assert scan_shortcuts("count_ngrams", "import torch\nx = torch.optim.AdamW") == []   # 别的练习不管


def test_no_reference_answer_is_a_shortcut():
    from course.grading import SOURCE_DIR, notebook_cells
    from course.instructor.tamper import scan_shortcuts

    for nb in sorted(SOURCE_DIR.glob("week*/*.ipynb")):
        for c in notebook_cells(nb):
            if c["kind"] == "answer":
                assert scan_shortcuts(c["grade_id"], c["source"]) == [], (nb.name, c["grade_id"])
