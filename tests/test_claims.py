"""prose 里的数字与比较都有测得的来源 (见 tests/claims/__init__.py)。"""
from __future__ import annotations

import importlib
import json
import re

import pytest

from tests.claims import NUMBER, ROOT, Sources

WEEKS = sorted(p.parent.name for p in (ROOT / "source").glob("week*/*.ipynb"))


def _markdown(week: str) -> list[str]:
    nb_path = next((ROOT / "source" / week).glob("*.ipynb"))
    cells = json.loads(nb_path.read_text(encoding="utf-8"))["cells"]
    return ["".join(c["source"]) if isinstance(c["source"], list) else c["source"]
            for c in cells if c["cell_type"] == "markdown"]


def _claims(week: str):
    mod = importlib.import_module(f"tests.claims.{week.split('_')[0]}")
    return mod.CLAIMS, mod.NOT_MEASURED


# 不算 "数字声明" 的部分: 公式、代码、标题行、节号/周次/练习号、列表序号、图片与链接地址
_SKIP = re.compile(
    r"\$\$.*?\$\$|\$[^$\n]+\$|```.*?```|`[^`\n]+`|^#+ [^\n]*$|^\s*\d+\.\s|\]\([^)]*\)|<[^>\n]+>"
    r"|第\s*\d+\s*[周节章]|\d+(?:\.\d+)*\s*节|练习\s*\d+(?:\.\d+)*|\d+(?:\.\d+)+\s*(?=[:：])"
    # 作业结构 (题数、总分、函数个数) 由 tests/test_authoring.py 对照 nbgrader 元数据核对, 不算测量
    r"|本周有\s*\d+\s*道计分练习（共\s*\d+\s*分）|本周你会实现\s*\d+\s*个",
    re.S | re.M)


def prose_numbers(text: str) -> list[tuple[int, str]]:
    """markdown 里 (跳过公式、代码、节号等之后) 的数字及其位置。"""
    masked = _SKIP.sub(lambda m: " " * len(m.group(0)), text)
    return [(m.start(), m.group(0)) for m in re.finditer(NUMBER, masked)]


@pytest.mark.parametrize("week", WEEKS)
def test_every_claim_is_in_the_prose_and_holds(week):
    claims, _ = _claims(week)
    md = "\n\n".join(_markdown(week))
    S = Sources(week)
    bad = []
    for c in claims:
        if c.text not in md:
            bad.append(f"原文里找不到: {c.text!r}")
            continue
        try:
            ok = c.check(S)
        except Exception as exc:  # noqa: BLE001 — 报告所有不成立的声明
            ok, c_err = False, f" ({type(exc).__name__}: {exc})"
        else:
            c_err = ""
        if not ok:
            bad.append(f"不成立: {c.text!r} — 来源 {c.source}{c_err}")
    assert not bad, f"{week}:\n" + "\n".join(bad)


@pytest.mark.parametrize("week", WEEKS)
def test_every_prose_number_has_a_source(week):
    claims, not_measured = _claims(week)
    covered = [c.text for c in claims] + list(not_measured)
    missing = []
    for cell in _markdown(week):
        spans = [(m.start(), m.end()) for t in covered for m in re.finditer(re.escape(t), cell)]
        for pos, num in prose_numbers(cell):
            if not any(a <= pos < b for a, b in spans):
                missing.append(f"{num!r} 在 …{cell[max(0, pos - 25):pos + 15]!r}…")
    assert not missing, (f"{week} 的 prose 里这些数字没有来源 (加到 tests/claims/{week.split('_')[0]}.py 的 "
                         "CLAIMS 或 NOT_MEASURED):\n" + "\n".join(missing))


def test_prose_numbers_skip_formulas_and_section_numbers():
    text = "见 2.9 节与第 4 周; 公式 $p = 0.5$ 与 `k=3`; 困惑度约 58.6。"
    assert [n for _, n in prose_numbers(text)] == ["58.6"]
