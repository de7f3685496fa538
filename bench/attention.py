"""参考解答的缩放点积注意力与 PyTorch 的 F.scaled_dot_product_attention 比速度 (比值)。

尺寸取 notebook 里用到的: 5.2 节的演示 (B=2, h=4, T=6, d_k=32) 和 5.10 节的迷你 GPT
(批次 16, 4 个头, T=64, d_head=32; 以及 GPU 上的批次 32)。参考解答来自 source/ 的答案单元
(course.grading.reference), 只在讲师一侧可用。比值 = 参考解答耗时 / F.sdpa 耗时, 越接近 1 越好。
结果写到 bench/results/attention.json, 并打印一张 markdown 表。

Example:
    $ python -m bench.attention
"""
from __future__ import annotations

import json
import platform
import statistics
import time
from pathlib import Path

import torch
import torch.nn.functional as F

from course.device import get_device
from course.grading import reference

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results" / "attention.json"
SIZES = [  # (说明, B, h, T, d_k)
    ("5.2 节演示", 2, 4, 6, 32),
    ("迷你 GPT, CPU 批次", 16, 4, 64, 32),
    ("迷你 GPT, GPU 批次", 32, 4, 64, 32),
]


def _time(fn, device, repeats: int = 30) -> float:
    """中位数耗时 (毫秒); 先热身 3 次, GPU 上每次同步。"""
    sync = torch.cuda.synchronize if device.type == "cuda" else (lambda: None)
    for _ in range(3):
        fn()
    sync()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        sync()
        times.append((time.perf_counter() - start) * 1e3)
    return statistics.median(times)


def main() -> int:
    device = get_device()
    ref, causal_mask = reference("scaled_dot_product_attention"), reference("causal_mask")
    rows = []
    with torch.no_grad():
        for label, B, h, T, d in SIZES:
            g = torch.Generator().manual_seed(0)
            q, k, v = (torch.randn(B, h, T, d, generator=g).to(device) for _ in range(3))
            mask = causal_mask(T).to(device)
            out_ref, _ = ref(q, k, v, mask)
            out_lib = F.scaled_dot_product_attention(q, k, v, attn_mask=mask)
            max_diff = (out_ref - out_lib).abs().max().item()
            t_ref = _time(lambda: ref(q, k, v, mask), device)
            t_lib = _time(lambda: F.scaled_dot_product_attention(q, k, v, attn_mask=mask), device)
            rows.append({"size": label, "B": B, "h": h, "T": T, "d_k": d, "reference_ms": round(t_ref, 4),
                         "sdpa_ms": round(t_lib, 4), "ratio": round(t_ref / t_lib, 2), "max_abs_diff": max_diff})
    result = {"machine": f"{platform.machine()}, {torch.get_num_threads()} threads, {platform.python_version()}",
              "device": str(device), "torch": torch.__version__, "rows": rows}
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"设备 (device): {device} | torch {torch.__version__}\n")
    print("| 尺寸 | (B, h, T, d_k) | 参考解答 (ms) | F.sdpa (ms) | 比值 | 最大差 |")
    print("|---|---|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r['size']} | ({r['B']}, {r['h']}, {r['T']}, {r['d_k']}) | {r['reference_ms']:.3f} | "
              f"{r['sdpa_ms']:.3f} | {r['ratio']:.2f} | {r['max_abs_diff']:.1e} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
