"""包的布局: 学生内核用的小库 (course/*.py) 从不 import 讲师一侧 (course/instructor/), 模块之间没有 import 环。"""
from __future__ import annotations

import ast
from pathlib import Path

from course.grading import COURSE_ROOT

PKG = COURSE_ROOT / "course"


def _module(path: Path) -> str:
    return ".".join(path.relative_to(COURSE_ROOT).with_suffix("").parts).removesuffix(".__init__")


def _imports(path: Path) -> set[str]:
    """这个文件 import 的 course 模块 (包括函数体里的延迟 import)。"""
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names if a.name.startswith("course")}
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("course"):
            for a in node.names:  # from course.instructor import sandbox → course.instructor.sandbox
                sub = f"{node.module}.{a.name}"
                out.add(sub if (PKG.parent / Path(*sub.split("."))).with_suffix(".py").exists() else node.module)
    return out


def _graph() -> dict[str, set[str]]:
    files = {_module(p): p for p in PKG.rglob("*.py")}
    return {m: {i for i in _imports(p) if i in files and i != m} for m, p in files.items()}


def test_kernel_side_never_imports_instructor_side():
    graph = _graph()
    kernel_side = [m for m in graph if not m.startswith("course.instructor") and m != "course.__main__"]
    assert {"course.grading", "course.data", "course.device", "course.plotting", "course.minigpt"} <= set(kernel_side)
    bad = {m: sorted(i for i in graph[m] if i.startswith("course.instructor")) for m in kernel_side}
    assert not any(bad.values()), bad


def test_no_import_cycles():
    graph = _graph()
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(m: str) -> None:
        state[m] = 1
        path.append(m)
        for n in sorted(graph[m]):
            if state.get(n) == 1:
                raise AssertionError("import 环: " + " → ".join(path[path.index(n):] + [n]))
            if n not in state:
                visit(n)
        path.pop()
        state[m] = 2

    for m in sorted(graph):
        if m not in state:
            visit(m)
