"""prose 里的每个数字与比较都有测得的来源 (issue 15): 每周一个 `tests/claims/weekNN.py`。

每个文件定义两个列表:
- `CLAIMS`: `Claim(text, check, source)`。`text` 是该周 source notebook 某个 markdown 单元里的原文片段
  (逐字), `check(S)` 用测得的数字核对这句话 (返回 True 才算成立), `source` 写明数字从哪里来。
- `NOT_MEASURED`: prose 里不是测量结果的数字所在的原文片段 (定义、超参数、例子里手算的数、年份……)。

`Sources` (下面的 S) 给 check 用:
- `S.printed(pattern)`: 该周正常模式完整运行时打印的文字 (bench/results/outputs/<week>.txt,
  由 `python -m bench.notebooks --only <week>` 生成) 里, 匹配 pattern (正则) 之后的第一个数;
- `S.output`: 那份文字本身;
- `S.ladder(model, column="perplexity")`: bench/results/ladder.json 的一行 (column 也可以是 "perplexity_subset");
- `S.bench(file, *keys)`: bench/results/<file> 里的一个值 (keys 是 dict 键或 list 下标);
- `S.card(*keys)`: 随附检查点的卡片 (course/checkpoints/*.json)。

tests/test_claims.py 检查: 每个 text 确实在 notebook 的 markdown 里; 每个 check 成立; markdown 里
每个 (公式、代码、节号之外的) 数字都落在某个 CLAIMS 或 NOT_MEASURED 的片段里。

Example (tests/claims/week02.py):
    CLAIMS = [Claim("插值四元模型的困惑度约 58.6",
                    lambda S: abs(S.printed(r"插值 4 元.*?困惑度") - 58.6) < 0.05,
                    "本周打印的测试集困惑度")]
"""
from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parents[2]
RESULTS = ROOT / "bench" / "results"
NUMBER = r"[-+]?\d[\d,]*(?:\.\d+)?(?:[eE][-+]?\d+)?"


@dataclasses.dataclass(frozen=True)
class Claim:
    text: str                          # markdown 原文片段 (逐字)
    check: Callable[["Sources"], bool]  # 用测得的数字核对
    source: str                        # 数字的来源 (给人看)


class Sources:
    """一周的测得来源。Example: Sources("week02_ngram").ladder("4-gram 插值") -> 58.588"""

    def __init__(self, week: str):
        self.week = week
        path = RESULTS / "outputs" / f"{week}.txt"
        self.output = path.read_text(encoding="utf-8") if path.is_file() else ""

    def printed(self, pattern: str, nth: int = 0) -> float:
        """打印文字里匹配 pattern 之后的第 nth 个数 (去掉千分位逗号)。"""
        m = re.search(pattern, self.output)
        if m is None:
            raise AssertionError(f"{self.week} 打印的文字里找不到 {pattern!r} "
                                 f"(先运行 python -m bench.notebooks --only {self.week})")
        nums = re.findall(NUMBER, self.output[m.end():])
        return float(nums[nth].replace(",", ""))

    def ladder(self, model: str, column: str = "perplexity", device: str = "cpu") -> float:
        rows = json.loads((RESULTS / "ladder.json").read_text(encoding="utf-8"))["rows"]
        for r in rows:
            if r["model"] == model and r.get("device", "cpu") == device:
                return float(r[column])
        raise AssertionError(f"ladder.json 里没有 {model!r}")

    def bench(self, file: str, *keys) -> Any:
        value = json.loads((RESULTS / file).read_text(encoding="utf-8"))
        for k in keys:
            value = value[k]
        return value

    def card(self, *keys, name: str = "minigpt_peoples_daily") -> Any:
        value = json.loads((ROOT / "course" / "checkpoints" / f"{name}.json").read_text(encoding="utf-8"))
        for k in keys:
            value = value[k]
        return value
