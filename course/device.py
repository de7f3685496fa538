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

    set_cpu_threads()
    choice = prefer or os.environ.get("COURSE_DEVICE")
    if choice:
        return torch.device(choice)
    if torch.cuda.is_available():
        return torch.device("cuda")
    mps = getattr(torch.backends, "mps", None)
    if mps is not None and mps.is_available():
        return torch.device("mps")
    return torch.device("cpu")


DEFAULT_CPU_THREADS = 1


def set_cpu_threads(n: int | None = None) -> int:
    """全课程唯一决定 CPU 线程数的地方; get_device() 第一次被调用时执行, 每一周都一样。

    默认 1 个线程 (环境变量 COURSE_THREADS 可改): 课程里的模型都很小, 在 2 核机器上单线程每步更快,
    而且机器被别的进程占满时, 多线程的同步会让每一步慢好几倍 (实测 2 线程 2,462 ms/步, 1 线程 406 ms)。
    线程数固定, 结果就与机器忙不忙无关: 训练按步数预算, 忙的机器只会更慢, 不会算出不同的数。
    返回实际的线程数。Example: set_cpu_threads() -> 1
    """
    import torch

    want = n if n is not None else int(os.environ.get("COURSE_THREADS", DEFAULT_CPU_THREADS))
    if want < 1:
        raise ValueError(f"线程数必须 >= 1, 得到 {want}")
    if torch.get_num_threads() != want:
        torch.set_num_threads(want)
    return torch.get_num_threads()


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
