"""在学生内核之外核对 (verify outside the kernel): 答案键 (answer key) 与逐项比较。

为什么: 学生代码和测试单元跑在同一个内核里, 内核里的任何比较都可能被改写 (改 `np.allclose`、
返回 "永远相等" 的对象、输入变换器把测试清空 …)。所以:

1. 讲师一侧 (可信) 用参考解答把每个 source notebook 跑一遍, 模式 `key`: 测试单元里的每个
   `assert_equal` / `assert_close` / `check_reference` 把期望值记成纯数据 —— 这就是答案键,
   缓存在 `.cache/grading-keys/` (按 source notebook 与 course/ 代码的哈希), 沙箱看不到。
2. 评学生时内核处在模式 `student`: 拿不到参考解答, 每个检查只把学生的实际值记成纯数据,
   作为 display_data (MIME `application/vnd.course.check+json`) 留在单元输出里。
3. 执行完之后, 评分进程 (`VerifyOutsideKernel`, 见 nbgrader_ext.py) 取走这些记录, 与答案键
   逐项比较; 缺项、多项或不一致都给这个测试单元加上一条错误输出 → nbgrader 判 0 分。

学生伪造记录也没用: 要让记录和答案键一致, 就得算出正确的值。
`assert_true` (不变量、统计检验) 没有期望值可记, 仍然只在内核里判断; 篡改这些检查会被
course/instructor/tamper.py 标记出来, 留给人工复核。

Example:
    >>> key = {"expected": 2, "exact": True, "rtol": 0, "atol": 0, "what": "f(1)", "hint": ""}
    >>> verify_cell([key], [{"actual": 2}]) is None
    True
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path

from course.grading import (CHECK_MIME, COURSE_ROOT, MAX_WHAT, SOURCE_DIR, compare, decode_plain,
                            notebook_cells)
from course.instructor.kernel import KEY_HASHSEED, STUDENT_HASHSEED, Kernel

__all__ = ["KEY_HASHSEED", "STUDENT_HASHSEED", "AnswerKeyError", "load_key", "make_key", "save_key",
           "split_records", "verify_cell"]

KEY_CACHE = Path(os.environ.get("COURSE_KEY_CACHE", COURSE_ROOT / ".cache" / "grading-keys"))
KEY_VERSION = 2  # 记录格式或生成方式变了就加一, 旧缓存自动作废 (2: 固定 PYTHONHASHSEED=KEY_HASHSEED)


class AnswerKeyError(RuntimeError):
    """答案键生成失败 (参考解答本身没通过): 这是讲师一侧的错误。"""


# ---------------------------------------------------------------- 输出里的记录
def split_records(outputs: list) -> tuple[list[dict], list]:
    """从单元输出里取出检查记录; 返回 (记录, 其余输出)。

    Example: split_records([{"output_type": "stream", "text": "hi"}]) -> ([], [{...}])
    """
    records, rest = [], []
    for out in outputs:
        data = out.get("data", {}) if out.get("output_type") == "display_data" else {}
        if CHECK_MIME in data:
            rec = data[CHECK_MIME]
            records.append(json.loads(rec) if isinstance(rec, str) else rec)
        else:
            rest.append(out)
    return records, rest


def verify_cell(key: list[dict], got: list[dict]) -> str | None:
    """逐项比较答案键与学生记录; 一致返回 None, 否则返回给学生看的中文说明。

    Example: verify_cell([], []) -> None
    """
    for i, (k, g) in enumerate(zip(key, got)):
        if not isinstance(g, dict) or "actual" not in g:
            return f"第 {i + 1} 项检查的记录格式不对 (检查记录被改动过?)"
        try:
            actual = decode_plain(g["actual"])
        except Exception:  # 伪造的、坏掉的记录
            return f"第 {i + 1} 项检查的记录无法解析 (检查记录被改动过?)"
        problem = compare(actual, k)
        if problem is not None:
            return f"在评分进程中核对 (verified outside the kernel), 第 {i + 1}/{len(key)} 项检查:\n{problem}"
    if len(got) < len(key):
        nxt = key[len(got)]["what"][:MAX_WHAT]
        return (f"这个测试单元应完成 {len(key)} 项检查, 只记录到 {len(got)} 项; 下一项是 {nxt}。"
                "测试没有完整运行 (被跳过、清空或改写了?)")
    if len(got) > len(key):
        return f"这个测试单元应完成 {len(key)} 项检查, 却记录到 {len(got)} 项 (检查记录被伪造?)"
    return None


# ---------------------------------------------------------------- 答案键
def _digest(nb_path: Path) -> str:
    h = hashlib.sha256(f"v{KEY_VERSION}".encode())
    h.update(nb_path.read_bytes())
    for py in sorted((COURSE_ROOT / "course").glob("*.py")):  # 测试单元用到的检查代码也算在内
        h.update(py.name.encode() + py.read_bytes())
    return h.hexdigest()[:20]


def make_key(nb_path: Path) -> dict[str, list[dict]]:
    """用参考解答把 notebook 从头跑到尾 (模式 key, PYTHONHASHSEED=KEY_HASHSEED), 返回 {测试单元 grade_id: [期望记录]}。

    评学生时用另一个 PYTHONHASHSEED (STUDENT_HASHSEED): 答案依赖 set/dict 迭代顺序的实现两边不一致。
    """
    scratch = Path(tempfile.mkdtemp(prefix="key-"))
    kernel = Kernel(scratch, mode="key", env={"PYTHONHASHSEED": KEY_HASHSEED})
    key: dict[str, list[dict]] = {}
    try:
        for c in notebook_cells(nb_path):
            run = kernel.run(c["source"])
            if not run.ok:
                raise AnswerKeyError(f"参考解答在 {nb_path.name} 的单元 {c['grade_id'] or c['kind']} 失败: {run.detail}")
            if c["kind"] == "test":
                key[c["grade_id"]] = run.records
    finally:
        kernel.close()
        shutil.rmtree(scratch, ignore_errors=True)
    return key


def _cache_path(assignment: str, nb_path: Path) -> Path:
    return KEY_CACHE / assignment / f"{nb_path.stem}-{_digest(nb_path)}.json"


def save_key(assignment: str, nb_path: Path, key: dict[str, list[dict]]) -> Path:
    """写入缓存 (目录权限 0700; 先写临时文件再改名, 并行的进程不会读到半个文件)。"""
    path = _cache_path(assignment, nb_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    for d in (KEY_CACHE, path.parent):
        os.chmod(d, 0o700)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps(key, ensure_ascii=False), encoding="utf-8")
    tmp.replace(path)
    return path


def load_key(assignment: str, notebook: str, source_dir: Path = SOURCE_DIR) -> dict[str, list[dict]]:
    """取答案键 (有缓存就读缓存, 否则现算并写入缓存)。闸门 (course/instructor/gate.py) 跑参考解答时也会写缓存。

    Example: load_key("week01_text", "01_text")["test_encode_hidden"][0]["exact"] -> True
    """
    nb_path = Path(source_dir) / assignment / f"{notebook}.ipynb"
    if not nb_path.is_file():
        raise AnswerKeyError(f"找不到 source notebook {nb_path}")
    path = _cache_path(assignment, nb_path)
    if path.is_file():
        return json.loads(path.read_text(encoding="utf-8"))
    key = make_key(nb_path)
    save_key(assignment, nb_path, key)
    return key
