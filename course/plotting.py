"""作图 (plotting): 给 matplotlib 配好中文字体, 全课程只设一次。

字体来自 PyPI 包 mplfonts 自带的 Noto Sans CJK SC, 不依赖系统字体,
所以学生的笔记本电脑、评分服务器和 CI 上画出的中文标签一样, 没有方框 (tofu) 和缺字警告。
不负责: 具体某一周的图 (各周 notebook 自己画)。

Example:
    >>> from course.plotting import setup_chinese_font
    >>> setup_chinese_font()
    'Noto Sans CJK SC'
"""
from __future__ import annotations

import functools
import importlib.util
from pathlib import Path

FONT_FILE = "NotoSansCJKsc-Regular.otf"  # mplfonts 中的无衬线中文字体


def cjk_font_path() -> Path:
    """mplfonts 自带字体文件的路径 (不导入 mplfonts 本身)。"""
    spec = importlib.util.find_spec("mplfonts")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("找不到中文字体包 mplfonts (CJK font package missing): pip install mplfonts==0.0.11")
    path = Path(list(spec.submodule_search_locations)[0]) / "fonts" / FONT_FILE
    if not path.is_file():
        raise RuntimeError(f"字体文件缺失 (font file missing): {path}")
    return path


@functools.lru_cache(maxsize=1)
def setup_chinese_font() -> str:
    """注册字体并设为默认无衬线字体; 返回字体名。重复调用无副作用。

    Example: setup_chinese_font() -> 'Noto Sans CJK SC'
    """
    import matplotlib
    from matplotlib import font_manager

    path = cjk_font_path()
    font_manager.fontManager.addfont(str(path))
    name = font_manager.FontProperties(fname=str(path)).get_name()
    matplotlib.rcParams["font.family"] = ["sans-serif"]
    matplotlib.rcParams["font.sans-serif"] = [name, "DejaVu Sans"]
    matplotlib.rcParams["axes.unicode_minus"] = False  # 负号用 ASCII '-', 避免缺字
    return name


def cjk_font_name() -> str:
    """当前使用的中文字体名。Example: cjk_font_name() -> 'Noto Sans CJK SC'"""
    return setup_chinese_font()
