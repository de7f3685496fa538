"""大语言模型课程的共用工具包 (course package)。

- `course.data`: 真实中文语料 (人民日报、购物评论、jieba 词典) 与稳定划分
- `course.device`: 设备与随机种子, 全课程唯一的一份
- `course.plotting`: matplotlib 中文字体
- `course.grading`: 测试单元用的检查函数 (中文消息)
- `course.instructor`: 讲师一侧 (评分器、沙箱、闸门、命令行), 从不在学生内核里运行

它从不提供练习的答案: 后面的周需要前面练习里的组件时, 这里用 PyTorch 自己的层来构建。

Example:
    >>> import course
    >>> course.get_device().type in {"cpu", "cuda", "mps"}
    True
"""
import os as _os
from pathlib import Path as _Path

# 评分/闸门的内核必须用正在评分的那个仓库的 course/ (参考解答、答案键、检查函数都出自那里);
# 讲师一侧启动内核时设 COURSE_EXPECT_ROOT, 这里核对, 不一致就拒绝, 不静默地用另一份副本。
_expected = _os.environ.get("COURSE_EXPECT_ROOT")
if _expected and _Path(__file__).resolve().parents[1] != _Path(_expected).resolve():
    raise ImportError(
        f"import 到的 course 来自 {_Path(__file__).resolve().parents[1]}, 但正在评分的仓库是 {_expected} "
        "(两份 checkout 共用一个环境?). 内核的 PYTHONPATH 要以正在评分的仓库开头 "
        "(the grading kernel imported course from another checkout)")

from course.device import get_device, make_generator, make_rng, seed_everything  # noqa: E402

__all__ = ["get_device", "make_generator", "make_rng", "seed_everything"]
