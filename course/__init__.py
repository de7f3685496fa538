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
from course.device import get_device, make_generator, make_rng, seed_everything

__all__ = ["get_device", "make_generator", "make_rng", "seed_everything"]
