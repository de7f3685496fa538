"""第 3 周参考跳字模型 (负采样) 与 gensim Word2Vec 的对照: 训练速度 (词/秒) 与 top-10 近邻的重合度;
以及第 3 周 3.7 节两句话的测量: 批量 B 对近邻的影响, 学习率 0.025 时词向量挤在一个方向上。

参考实现只有一份: source/week03_word2vec/03_word2vec.ipynb 里定义 `train_sgns` 的那个代码单元,
这里从 notebook 中取出它执行, 不另写副本。两边用同一份词元 (人民日报训练集的金标准分词)、同一个词表
(出现 >= 5 次的词) 和同样的超参数 (d=100, 窗口 5, K=5, 二次采样 t=1e-4, 2 个 epoch, 初始学习率 0.1
线性衰减), 都只用一个线程 (course.get_device() 固定线程数)。
words/s = 词表内的词元数 × epoch 数 / 训练墙钟时间 (不含建词表)。
重合度 = 固定词表里每个词的 top-10 近邻 (余弦) 两边交集的平均大小 / 10; 另报 gensim 换一个种子与自己的重合度作参照。

3.7 节的两句话 (tests/claims/week03.py 读这里的数):
- "batch_size": 参考实现在 B = 256、1024、4096 (种子 0) 和 B = 4096 (种子 1) 下各训练一次 (其余同上),
  近邻先减去均值向量再按余弦取 (与 notebook 相同); 报每个 B 与 B = 4096 种子 0 的 top-10 重合度,
  以及只换种子时的重合度作参照 ("批量带来的差别不比随机种子大")。
- "mean_cosine": 最常见的 2000 个词两两之间 (不含自己与自己) 余弦的平均, 用未减均值的向量 (与 notebook
  打印的同一个量); gensim 在 alpha = 0.025 (word2vec 的默认值) 与 0.1 下各一次, 参考实现 0.1 一次。

不负责: 词向量质量的标准评测 (中文类比数据集等需要下载)。

Example:
    $ pip install -r bench/requirements.txt
    $ python -m bench.word2vec          # 6 次训练, 安静的 2 核机器上几分钟
"""
from __future__ import annotations

import json
import os
import platform
import sys
import time
import types
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "source" / "week03_word2vec" / "03_word2vec.ipynb"
RESULTS = ROOT / "bench" / "results" / "word2vec.json"
PROBE_WORDS = ["中国", "经济", "北京", "上海", "美元", "日本", "春节", "改革", "医生", "足球",
               "学生", "农民", "银行", "记者", "电视", "总统", "发展", "市场", "文化", "军队"]
SETTINGS = {"dim": 100, "window": 5, "negatives": 5, "subsample_t": 1e-4, "epochs": 2, "min_count": 5, "lr": 0.1}
BATCH_SIZES = [256, 1024, 4096]  # 参考实现的默认值是 4096
TOP_WORDS = 2000                 # 平均余弦用最常见的这么多个词


def notebook_cell(marker: str, nb_path: Path = NOTEBOOK) -> str:
    """notebook 中第一个包含 marker 的代码单元的源码。Example: notebook_cell("def train_sgns")"""
    nb = json.loads(nb_path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        src = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
        if cell["cell_type"] == "code" and marker in src:
            return src
    raise LookupError(f"{nb_path.name} 里没有包含 {marker!r} 的代码单元")


def load_reference() -> dict:
    """执行 notebook 里的训练单元, 返回它的命名空间 (SGNSConfig, SkipGramNS, window_pairs, train_sgns)。"""
    module = sys.modules.get("week03_reference")
    if module is None:  # dataclass 需要在 sys.modules 里找到定义它的模块
        module = types.ModuleType("week03_reference")
        sys.modules[module.__name__] = module
        exec(compile(notebook_cell("def train_sgns"), f"<{NOTEBOOK.name}: train_sgns>", "exec"), module.__dict__)
    return module.__dict__


def corpus(min_count: int):
    from course.data import peoples_daily_words

    sents = peoples_daily_words("train")
    counts = Counter(w for s in sents for w in s)
    vocab = sorted((w for w, c in counts.items() if c >= min_count), key=lambda w: (-counts[w], w))
    index = {w: i for i, w in enumerate(vocab)}
    ids = [[index[w] for w in s if w in index] for s in sents]
    return sents, vocab, ids, np.array([counts[w] for w in vocab])


def top10(E: np.ndarray, vocab: list[str], word: str) -> list[str]:
    unit = E / np.maximum(np.linalg.norm(E, axis=1, keepdims=True), 1e-12)  # 调用方决定是否先减均值
    q = vocab.index(word)
    sims = unit @ unit[q]
    order = [i for i in sorted(range(len(sims)), key=lambda i: (-sims[i], i)) if i != q]
    return [vocab[i] for i in order[:10]]


def overlap(E1, vocab1, E2, vocab2, words) -> float:
    shared = [w for w in words if w in vocab1 and w in vocab2]
    return float(np.mean([len(set(top10(E1, vocab1, w)) & set(top10(E2, vocab2, w))) / 10 for w in shared]))


def mean_cosine(E: np.ndarray, top: int = TOP_WORDS) -> float:
    """最常见的 top 个词 (E 的前 top 行, 按词频排好) 两两之间余弦的平均, 不含对角线。"""
    unit = E[:top] / np.linalg.norm(E[:top], axis=1, keepdims=True)
    sims = unit @ unit.T
    n = len(sims)
    return float((sims.sum() - np.trace(sims)) / (n * (n - 1)))


def train_ours(ids, counts, batch_size: int = 4096, seed: int = 0) -> tuple[np.ndarray, float]:
    from course.device import get_device

    ref = load_reference()
    device = get_device()  # 线程数由 course 固定 (默认 1); gensim 也只用一个 worker
    cfg = ref["SGNSConfig"](dim=SETTINGS["dim"], window=SETTINGS["window"], negatives=SETTINGS["negatives"],
                            subsample_t=SETTINGS["subsample_t"], epochs=SETTINGS["epochs"], lr=SETTINGS["lr"],
                            batch_size=batch_size, seed=seed)
    model, _, _, seconds = ref["train_sgns"](ids, counts, cfg, device, progress=False)
    return model.centre.weight.detach().cpu().numpy().astype(np.float64), seconds


def train_gensim(sents, seed: int, alpha: float = SETTINGS["lr"]):
    from gensim.models import Word2Vec

    model = Word2Vec(vector_size=SETTINGS["dim"], window=SETTINGS["window"], negative=SETTINGS["negatives"],
                     sample=SETTINGS["subsample_t"], min_count=SETTINGS["min_count"], sg=1, hs=0, alpha=alpha,
                     workers=1, seed=seed)
    model.build_vocab(sents)
    start = time.perf_counter()
    model.train(sents, total_examples=model.corpus_count, epochs=SETTINGS["epochs"])
    seconds = time.perf_counter() - start
    vocab = list(model.wv.index_to_key)
    return np.asarray(model.wv.vectors, dtype=np.float64), vocab, seconds


def main() -> dict:
    import gensim
    import torch

    from course.device import get_device

    load_before = os.getloadavg()[0]  # 词/秒取决于机器忙不忙; 其余的数与负载无关
    sents, vocab, ids, counts = corpus(SETTINGS["min_count"])
    n_words = int(counts.sum()) * SETTINGS["epochs"]
    E_ours, t_ours = train_ours(ids, counts)
    E_gs, vocab_gs, t_gs = train_gensim(sents, seed=0)
    E_gs2, vocab_gs2, _ = train_gensim(sents, seed=1)
    E_gs025, _, _ = train_gensim(sents, seed=0, alpha=0.025)
    centred = lambda E: E - E.mean(axis=0)  # 与 notebook 相同: 近邻用减去均值之后的向量
    by_batch = {4096: E_ours}
    for b in BATCH_SIZES:
        if b not in by_batch:
            by_batch[b] = train_ours(ids, counts, batch_size=b)[0]
    E_seed1 = train_ours(ids, counts, batch_size=4096, seed=1)[0]
    base = centred(by_batch[4096])
    result = {
        "machine": f"{platform.machine()}, {torch.get_num_threads()} torch thread(s), Python {platform.python_version()}",
        "device": str(get_device()),
        "load_average_1min": {"before": round(load_before, 2), "after": round(os.getloadavg()[0], 2),
                              "cpus": os.cpu_count()},
        "versions": {"torch": torch.__version__, "gensim": gensim.__version__},
        "settings": SETTINGS,
        "tokens_per_epoch": int(counts.sum()),
        "vocab_size": len(vocab),
        "ours": {"seconds": round(t_ours, 2), "words_per_s": round(n_words / t_ours)},
        "gensim": {"seconds": round(t_gs, 2), "words_per_s": round(n_words / t_gs)},
        "probe_words": PROBE_WORDS,
        "top10_overlap_ours_vs_gensim": round(overlap(E_ours, vocab, E_gs, vocab_gs, PROBE_WORDS), 3),
        "top10_overlap_gensim_seed0_vs_seed1": round(overlap(E_gs, vocab_gs, E_gs2, vocab_gs2, PROBE_WORDS), 3),
        "batch_size": {
            "neighbours": "top-10 余弦近邻, 向量先减去均值 (与 notebook 相同); 与 B = 4096、种子 0 比较",
            "top10_overlap_vs_4096": {str(b): round(overlap(centred(by_batch[b]), vocab, base, vocab, PROBE_WORDS), 3)
                                      for b in BATCH_SIZES if b != 4096},
            "top10_overlap_seed1_vs_seed0_at_4096": round(overlap(centred(E_seed1), vocab, base, vocab, PROBE_WORDS), 3),
        },
        "mean_cosine": {
            "words": f"最常见的 {TOP_WORDS} 个词两两之间 (不含对角线), 未减均值的向量",
            "gensim_alpha_0.025": round(mean_cosine(E_gs025), 3),
            f"gensim_alpha_{SETTINGS['lr']}": round(mean_cosine(E_gs), 3),
            f"ours_lr_{SETTINGS['lr']}": round(mean_cosine(E_ours), 3),
        },
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print("| week03 跳字模型 (负采样) | 词/秒 | top-10 近邻重合度 |")
    print("|---|---|---|")
    print(f"| 参考实现 (PyTorch, {result['device']}) | {result['ours']['words_per_s']:,} | "
          f"{result['top10_overlap_ours_vs_gensim']:.2f} (与 gensim) |")
    print(f"| gensim {gensim.__version__} (1 worker) | {result['gensim']['words_per_s']:,} | "
          f"{result['top10_overlap_gensim_seed0_vs_seed1']:.2f} (gensim 换种子) |")
    bs = result["batch_size"]
    print("参考实现 top-10 近邻与 B = 4096 的重合度: " +
          ", ".join(f"B = {b}: {v:.2f}" for b, v in bs["top10_overlap_vs_4096"].items()) +
          f"; 只换种子 (B = 4096): {bs['top10_overlap_seed1_vs_seed0_at_4096']:.2f}")
    print(f"最常见的 {TOP_WORDS} 个词的平均余弦: " + ", ".join(f"{k} {v:.3f}" for k, v in result["mean_cosine"].items()
                                                   if k != "words"))
    return result


if __name__ == "__main__":
    main()
