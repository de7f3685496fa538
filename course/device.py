"""设备与随机种子 (device and seeds): 全课程唯一的一份。

每个 notebook、参考解答和训练代码都从这里取设备和种子, 不另写副本。
不负责: 多卡、分布式训练。

Example:
    >>> from course.device import get_device, seed_everything
    >>> seed_everything(0)
    >>> get_device().type in {"cuda", "mps", "cpu"}
    True
"""
from __future__ import annotations

import os
import random

import numpy as np


def get_device(prefer: str | None = None):
    """按 CUDA → MPS → CPU 的顺序选设备; 环境变量 COURSE_DEVICE 或参数 prefer 可强制指定。

    Example: get_device("cpu") -> device(type='cpu')
    """
    import torch

    choice = prefer or os.environ.get("COURSE_DEVICE")
    if choice:
        return torch.device(choice)
    if torch.cuda.is_available():
        return torch.device("cuda")
    mps = getattr(torch.backends, "mps", None)
    if mps is not None and mps.is_available():
        return torch.device("mps")
    return torch.device("cpu")


def seed_everything(seed: int = 0) -> None:
    """同时设定 random、numpy 和 torch 的全局种子。

    测试里的随机输入不依赖它, 而是用显式的生成器 (见 make_rng / make_generator)。
    Example: seed_everything(42)
    """
    random.seed(seed)
    np.random.seed(seed)
    try:
        import torch
    except ImportError:  # week01–02 不需要 torch
        return
    torch.manual_seed(seed)


def make_rng(seed: int) -> np.random.Generator:
    """独立的 numpy 随机数生成器, 结果与之前运行过什么无关。

    Example: make_rng(0).integers(0, 10, size=3) -> array([8, 6, 5])
    """
    return np.random.default_rng(seed)


def make_generator(seed: int, device=None):
    """独立的 torch.Generator (可放在指定设备上)。

    Example: torch.rand(2, generator=make_generator(0))
    """
    import torch

    gen = torch.Generator(device=device or "cpu")
    gen.manual_seed(seed)
    return gen
