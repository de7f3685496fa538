"""把 bench/results/*.json 变成 README 里的 markdown 表格 (只读结果, 不重新测量)。

Example:
    $ python -m bench.report > /tmp/tables.md
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"


def _load(name: str):
    path = RESULTS / f"{name}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def notebooks_table(r: dict) -> str:
    rows = ["| notebook | 模式 (mode) | 时间 (s) | 峰值内存 (MB) | 预算 |", "|---|---|---|---|---|"]
    for x in r["notebooks"]:
        normal = x["mode"] == "normal"
        mode = "从头到尾 (normal)" if normal else "评分模式 (autograde)"
        rows.append(f"| {x['notebook']} | {mode} | {x['seconds']} | {x['peak_mb']} | "
                    f"{'≤ 120 s' if normal else '≤ 30 s'}, ≤ 2048 MB |")
    s = r.get("one_student_autograde")
    if s:
        rows.append(f"| 一名学生整门课 (`nbgrader autograde`) | 真实评分 | {s['seconds']} | {s['peak_mb']} | ≤ 180 s |")
    return "\n".join(rows)


def word2vec_table(r: dict) -> str:
    st = r["settings"]
    return "\n".join([
        f"同一份人民日报训练集 ({r['tokens_per_epoch']:,} 词/轮, |V| = {r['vocab_size']:,}), "
        f"d={st['dim']}, 窗口 {st['window']}, K={st['negatives']}, t={st['subsample_t']}, "
        f"{st['epochs']} 轮, lr={st['lr']}, 单线程, {r['device']}:",
        "",
        "| 实现 | 词/秒 (words/s) | 训练时间 (s) | top-10 近邻重合率 |",
        "|---|---|---|---|",
        f"| 参考跳字模型 (PyTorch, 本课) | {r['ours']['words_per_s']:,} | {r['ours']['seconds']} | "
        f"{r['top10_overlap_ours_vs_gensim']} (与 gensim) |",
        f"| gensim {r['versions']['gensim']} Word2Vec | {r['gensim']['words_per_s']:,} | {r['gensim']['seconds']} | "
        f"{r['top10_overlap_gensim_seed0_vs_seed1']} (gensim 两个种子之间) |",
    ])


def attention_table(r: dict) -> str:
    rows = ["| 规模 | (B, h, T, d_k) | 参考实现 (ms) | `F.scaled_dot_product_attention` (ms) | 比值 |",
            "|---|---|---|---|---|"]
    for x in r["rows"]:
        rows.append(f"| {x['size']} | ({x['B']}, {x['h']}, {x['T']}, {x['d_k']}) | {x['reference_ms']:.3f} | "
                    f"{x['sdpa_ms']:.3f} | {x['ratio']:.2f} |")
    return "\n".join(rows)


def ladder_table(r: dict) -> str:
    rows = ["| 模型 (model) | 测试集困惑度 | 子集困惑度 | 训练步数 | 训练时间 (s) | 词元/秒 | 参数 / 计数 | 设备 |",
            "|---|---:|---:|---:|---:|---:|---:|---|"]
    for x in sorted(r["rows"], key=lambda x: -x["perplexity"]):
        steps = x.get("settings", {}).get("steps")
        tps = x.get("tokens_per_second")
        rows.append(f"| {x['model']} | {x['perplexity']:.1f} | {x.get('perplexity_subset', float('nan')):.1f} | "
                    f"{f'{steps:,}' if steps else '—'} | {x.get('train_seconds', 0):.0f} | "
                    f"{f'{tps:,}' if tps else '—'} | {x.get('parameters', 0):,} | {x.get('device', '')} |")
    limits = {}
    for x in r["rows"]:
        if x.get("limit"):
            limits.setdefault(x["family"], x["limit"])
    names = {"ngram": "n-gram", "ffnn": "前馈网络", "lstm": "LSTM", "gpt": "迷你 GPT", "mix": "神经 + KN 插值"}
    if limits:
        rows += ["", "每一级的瓶颈 (what limits each model):", ""]
        rows += [f"- {names.get(k, k)}: {v}" for k, v in limits.items()]
    return "\n".join(rows)


def grading_table(r: dict) -> str:
    sandbox = "沙箱内核" if r["sandboxed"] else "普通内核"
    return "\n".join([
        f"{r['students']} 名合成学生 ({r['assignment']}, perfect/alt/buggy/blank 轮流), {r['cpus']} 核:",
        "",
        "| 评分方式 | 时间 (s) | 学生/分钟 |",
        "|---|---:|---:|",
        f"| 顺序 `nbgrader autograde` (一条命令, 普通内核, 检查在内核里, 无反馈) | {r['baseline']['seconds']} | "
        f"{r['baseline']['students_per_min']} |",
        f"| `python -m course grade --workers {r['workers']}` ({sandbox}, 内核外核对, 篡改扫描, 含反馈) | "
        f"{r['ours']['seconds']} | {r['ours']['students_per_min']} |",
        f"| **比值 (ours / baseline)** | | **{r['ratio']}** |",
    ])


def main(argv=None) -> int:
    for name, fn, title in (("notebooks", notebooks_table, "notebook 时间与内存"),
                            ("grading", grading_table, "评分吞吐量 (grading throughput)"),
                            ("word2vec", word2vec_table, "第 3 周: 词向量训练速度与近邻"),
                            ("attention", attention_table, "第 5 周: 注意力的速度"),
                            ("ladder", ladder_table, "困惑度阶梯 (perplexity ladder)")):
        r = _load(name)
        if r:
            print(f"### {title}\n\n{fn(r)}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
