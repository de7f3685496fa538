"""课程随附的训练好的检查点 (shipped checkpoints): 读取、校验、卡片 (model card)。

检查点由 `make checkpoints` (python -m bench.checkpoint) 按步数预算可复现地训练, 以 fp16 存在
`course/checkpoints/<name>.pt` (几 MB), 旁边是卡片 `<name>.json`: 数据、看过的词元数、种子、用时、
线程数、文件的 sha256、按课程困惑度协议 (course.perplexity) 的测试集困惑度。读取时先核对 sha256,
不一致就拒绝 (文件损坏或被改过)。第 5 周拿它和自己训练的小模型比较, 第 6 周用它练习解码。

Example:
    >>> model, vocab, card = load_checkpoint()
    >>> card["perplexity"]["test"] > 1
    True
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

CHECKPOINT_DIR = Path(__file__).resolve().parent / "checkpoints"
DEFAULT_NAME = "minigpt_peoples_daily"


class CheckpointError(RuntimeError):
    """检查点缺失、损坏或与卡片不符。"""


def paths(name: str = DEFAULT_NAME, directory: Path | None = None) -> tuple[Path, Path]:
    """(权重文件, 卡片文件) 的路径, 默认在 CHECKPOINT_DIR。Example: paths()[0].name -> 'minigpt_peoples_daily.pt'"""
    d = Path(directory) if directory is not None else CHECKPOINT_DIR
    return d / f"{name}.pt", d / f"{name}.json"


def sha256(path: Path) -> str:
    """文件的 sha256 十六进制串。"""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def read_card(name: str = DEFAULT_NAME, directory: Path | None = None) -> dict:
    """检查点的卡片 (dict)。Example: read_card()["steps"] -> 2500"""
    _, card_path = paths(name, directory)
    if not card_path.is_file():
        raise CheckpointError(f"找不到检查点卡片 {card_path}; 运行 make checkpoints 重新训练")
    return json.loads(card_path.read_text(encoding="utf-8"))


def load_checkpoint(name: str = DEFAULT_NAME, device=None, directory: Path | None = None):
    """读取随附的迷你 GPT: 核对 sha256, fp16 权重转回 float32, 返回 (model, vocab, card), 模型处于 eval 模式。

    Example: model, vocab, card = load_checkpoint(device=course.get_device())
    """
    import torch

    from course.minigpt import MiniGPT, MiniGPTConfig

    weights, _ = paths(name, directory)
    card = read_card(name, directory)
    if not weights.is_file():
        raise CheckpointError(f"找不到检查点 {weights}; 运行 make checkpoints 重新训练")
    digest = sha256(weights)
    if digest != card["sha256"]:
        raise CheckpointError(f"检查点 {weights.name} 的 sha256 是 {digest[:12]}…, 卡片上是 {card['sha256'][:12]}…: "
                              "文件损坏或被改过 (checksum mismatch); 运行 make checkpoints 重新训练")
    blob = torch.load(weights, map_location="cpu", weights_only=True)
    model = MiniGPT(MiniGPTConfig(**blob["config"]))
    missing, unexpected = model.load_state_dict({k: v.float() for k, v in blob["state_dict"].items()}, strict=False)
    tied = ["head.weight"] if model.config.tie_weights else []
    if unexpected or missing != tied:  # 共享权重的输出层不单独存
        raise CheckpointError(f"检查点的参数与模型不符: 缺 {missing}, 多 {unexpected}")
    return model.to(device or "cpu").eval(), tuple(blob["vocab"]), card
