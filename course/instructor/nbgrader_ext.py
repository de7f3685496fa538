"""nbgrader 的补丁预处理器 (preprocessors), 在 nbgrader_config.py 里接入。

评分 (autograde):
- `DropEmptyNbgraderMetadata`: 复制粘贴的答案单元 (重复 grade_id) 被 DeduplicateIds 清成空的 `nbgrader={}`;
  这里删掉空元数据, 复制出来的单元只是普通单元, 原来那个照常评分 (否则 nbgrader 报一个误导人的错误)。
- `RestoreNbgraderMetadata`: 学生改过的 nbgrader 元数据 (把答案单元改成 `grade: true, points: 50` …) 按学生版
  恢复; 学生版里没有的 grade_id 去掉元数据。学生得不到分, 也不会让整份评分失败 (篡改扫描会标记它)。
- `LimitedExecute`: nbgrader 的 Execute, 加上每份 notebook 的输出字节上限 (超出的输出丢弃, 留一行说明)。
- `VerifyOutsideKernel`: 执行之后, **测试单元的得分只由评分进程决定**: 在内核之外用答案键核对检查记录
  (answer_key.py), 再把该单元的输出整个换成一条我们自己的结论 —— 通过一行, 不通过一条 GradingError。
  学生代码留下的 `execute_result` (`sys.displayhook`、审计钩子) 一个也留不下, nbgrader 的 determine_grade
  只看得到我们的结论。结论只用答案键里的可信内容 (输入、期望值、提示) 写成, 学生的返回值只给出数字或
  类型与长度的摘要, 内核里的报错只给出异常类别: 学生代码在内核里读得到隐藏测试的源码, 却带不进反馈。
- `StderrAsStdout`: 评分单元里的 stderr 改记为 stdout (nbgrader 见到 stderr 就给 0 分)。

反馈 (feedback):
- `FeedbackVerdictsOnly`: 反馈里只留测试单元的结论; 其他单元 (答案、演示) 的输出全部去掉 —— 学生的输出
  可能带着隐藏测试的源码 (`In`、`linecache`) 或 `<script>`。markdown 单元的 HTML 经 bleach 清洗。

Example (nbgrader_config.py):
    c.Autograde.autograde_preprocessors = [LimitedExecute, VerifyOutsideKernel, ...]
"""
from __future__ import annotations

import builtins
import copy
import json
import os

from nbformat.v4 import new_output
from nbgrader.preprocessors import Execute, NbGraderPreprocessor

HIDDEN_MARK = "### BEGIN HIDDEN TESTS"
OUTPUT_CAP_BYTES = int(float(os.environ.get("COURSE_OUTPUT_CAP_MB", "2")) * 1024 ** 2)
RECORD_CAP_BYTES = 64 * 1024 ** 2  # 检查记录的上限 (一份 notebook 的全部记录约 1 MB)
VISIBLE_MESSAGE_CHARS = 2000  # 不经 python -m course grade 的评分: 内核消息最多这么多字


def _meta(cell) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {}) or {}


def _is_test(cell) -> bool:
    m = _meta(cell)
    return cell.get("cell_type") == "code" and bool(m.get("grade")) and not m.get("solution")


class DropEmptyNbgraderMetadata(NbGraderPreprocessor):
    """删除 DeduplicateIds 留下的空 nbgrader 元数据。Example: {'nbgrader': {}} -> {}"""

    def preprocess_cell(self, cell, resources, index):
        if "nbgrader" in cell.metadata and not cell.metadata["nbgrader"]:
            del cell.metadata["nbgrader"]
            self.log.warning("第 %d 个单元是重复的 grade_id, 已当作普通单元 (duplicate grade_id dropped)", index)
        return cell, resources


class RestoreNbgraderMetadata(NbGraderPreprocessor):
    """按学生版恢复被改过的 nbgrader 元数据。Example: 答案单元 {'grade': True, 'points': 50} -> 学生版里的元数据"""

    def preprocess(self, nb, resources):
        from course.instructor.workdir import RELEASE_DIR

        info = resources.get("nbgrader", {})
        release = RELEASE_DIR / str(info.get("assignment")) / f"{info.get('notebook')}.ipynb"
        if not release.is_file():
            return nb, resources
        given = {_meta(c).get("grade_id"): _meta(c)
                 for c in json.loads(release.read_text(encoding="utf-8"))["cells"] if _meta(c).get("grade_id")}
        for i, cell in enumerate(nb.cells):
            meta = _meta(cell)
            if not meta:
                continue
            gid = meta.get("grade_id")
            if gid in given and dict(meta) != given[gid]:
                cell.metadata["nbgrader"] = copy.deepcopy(given[gid])
                self.log.warning("第 %d 个单元 %s 的 nbgrader 元数据被改过, 已按学生版恢复", i, gid)
            elif gid not in given and (meta.get("grade") or meta.get("solution") or meta.get("locked")):
                del cell.metadata["nbgrader"]
                self.log.warning("第 %d 个单元的 grade_id %r 不在学生版里, 已当作普通单元", i, gid)
        return nb, resources


class LimitedExecute(Execute):
    """Execute + 每份 notebook 的输出字节上限 (COURSE_OUTPUT_CAP_MB, 默认 2 MB)。"""

    def preprocess(self, nb, resources=None, km=None):
        self._output_bytes = 0
        self._record_bytes = 0
        self._capped = False
        return super().preprocess(nb, resources, km)

    def _update_display_id(self, display_id, msg):
        """update_display_data 不经过 output(): 同样计入上限, 超出就丢弃。"""
        self._output_bytes = getattr(self, "_output_bytes", 0) + _payload_size(msg.get("content", {}))
        if self._output_bytes > OUTPUT_CAP_BYTES:
            return None
        return super()._update_display_id(display_id, msg)

    def output(self, outs, msg, display_id, cell_index):
        from course.grading import CHECK_MIME

        content = msg.get("content", {})
        size = _payload_size(content)
        if CHECK_MIME in (content.get("data") or {}):  # 检查记录另算 (上限大得多): 学生的输出刷屏不能挤掉它们
            self._record_bytes = getattr(self, "_record_bytes", 0) + size
            if self._record_bytes > RECORD_CAP_BYTES:
                return None
            return super().output(outs, msg, display_id, cell_index)
        self._output_bytes = getattr(self, "_output_bytes", 0) + size
        if self._output_bytes > OUTPUT_CAP_BYTES:
            if not getattr(self, "_capped", False):
                self._capped = True
                outs.append(new_output("stream", name="stdout", text=(
                    f"[评分] 这份 notebook 的输出超过 {OUTPUT_CAP_BYTES // 1024 ** 2} MB, 之后的输出都被丢弃 "
                    "(output cap)\n")))
            return None
        return super().output(outs, msg, display_id, cell_index)


def _payload_size(content: dict) -> int:
    n = 0
    for key in ("text", "evalue"):
        if isinstance(content.get(key), str):
            n += len(content[key])
    for v in (content.get("data") or {}).values():
        n += len(v) if isinstance(v, str) else len(json.dumps(v))
    for line in content.get("traceback") or []:
        n += len(line)
    return n


def _hidden_lines(nb) -> list[str]:
    """本 notebook 所有隐藏测试里足够长的代码行 (用来拦住把它们带出来的消息)。"""
    out = []
    for cell in nb.cells:
        src = cell.get("source", "")
        if cell.get("cell_type") == "code" and HIDDEN_MARK in src:
            out += [ln.strip() for ln in src.splitlines() if len(ln.strip()) >= 12 and not ln.strip().startswith("###")]
    return out


def safe_message(text: str, hidden: list[str], limit: int) -> str:
    """截断到 limit 个字符; 含隐藏测试代码的整条略去 (只用于不经 python -m course grade 的评分)。

    Example: safe_message("x" * 10, [], 4) -> 'xxxx …(已截断)'
    """
    if any(h in text for h in hidden):
        return "(这条消息里含有隐藏测试的代码, 已略去)"
    return text if len(text) <= limit else text[:limit] + " …(已截断)"


def _kernel_error(outputs) -> tuple[str, str] | None:
    for out in outputs:
        if out.get("output_type") == "error":
            ename = str(out.get("ename", ""))
            if ename != "GradingError" and not isinstance(getattr(builtins, ename, None), type):
                ename = "Exception"  # 学生自己起的异常名不原样带出
            return ename, str(out.get("evalue", ""))
    return None


def describe_actual(actual, expected, path: tuple) -> str:
    """学生返回值的描述, 只带极少的学生可控信息: 数字原样, 其余只说类型、长度与不同之处在哪。

    学生代码能在内核里读到隐藏测试的源码; 反馈里学生能控制的文字越少, 能带出去的越少。
    Example: describe_actual([1, 2, 5], [1, 2, 3], (2,)) -> '长度 3 的列表; 位置 [2] 上是 5'
    """
    from course.grading import _fmt_path, _render

    def leaf(x) -> str:
        if x is None or isinstance(x, (bool, int, float)):
            return _render(x, 40)
        if isinstance(x, str):
            return f"长度 {len(x)} 的字符串"
        if isinstance(x, (list, tuple)):
            return f"长度 {len(x)} 的{'列表' if isinstance(x, list) else '元组'}"
        if isinstance(x, dict):
            return f"有 {len(x)} 个键的字典"
        return type(x).__name__

    out = leaf(actual)
    node, e_node, trusted = actual, expected, []
    for step in path:  # 只走答案键里也有的下标/键, 学生造的键不原样带出
        ok = (isinstance(node, (list, tuple)) and isinstance(step, int) and 0 <= step < len(node)) or \
             (isinstance(node, dict) and isinstance(e_node, dict) and step in e_node and step in node)
        if not ok:
            break
        node = node[step]
        e_node = e_node[step] if isinstance(e_node, (list, tuple, dict)) and (
            isinstance(e_node, dict) or step < len(e_node)) else None
        trusted.append(step)
    if trusted:
        out += f"; 位置 {_fmt_path(tuple(trusted))} 上是 {leaf(node)}"
    if isinstance(actual, str) and isinstance(expected, str):
        first = next((i for i, (a, b) in enumerate(zip(actual, expected)) if a != b), min(len(actual), len(expected)))
        out += f"; 从第 {first} 个字符起与期望不同"
    return out


def trusted_verdict(key: list[dict], got: list, error: tuple[str, str] | None) -> str | None:
    """只用答案键 (可信) 与学生的实际值摘要写成的结论; None 表示通过。

    Example: trusted_verdict([{"expected": 2, "exact": True, "rtol": 0, "atol": 0, "what": "f(1)", "hint": ""}],
                             [{"actual": 2}], None) -> None
    """
    from course.grading import _first_diff, _render, decode_plain

    n = len(key)
    for i, (k, g) in enumerate(zip(key, got)):
        if not isinstance(g, dict) or "actual" not in g:
            return f"第 {i + 1}/{n} 项检查的记录格式不对 (检查记录被改动过?)"
        try:
            actual = decode_plain(g["actual"])
            e = decode_plain(k["expected"])
            rtol, atol = (0.0, 0.0) if k["exact"] else (k["rtol"], k["atol"])
            found = _first_diff(actual, e, rtol=rtol, atol=atol)
        except Exception:  # 伪造的、坏掉的记录
            return f"第 {i + 1}/{n} 项检查的记录无法解析 (检查记录被改动过?)"
        if found is not None:
            lines = [f"第 {i + 1}/{n} 项检查没有通过 (在评分进程中核对): {k['what']}",
                     f"  期望: {_render(e, 300)}", f"  得到: {describe_actual(actual, e, found[0])}"]
            if k.get("hint"):
                lines.append(f"  提示: {k['hint']}")
            return "\n".join(lines)
    if error is not None:
        where = f"第 {len(got) + 1}/{n} 项检查 {key[len(got)]['what']}" if len(got) < n else "全部检查之后"
        todo = " —— 函数还没有实现 (NotImplementedError)?" if "NotImplementedError" in error[1] or "还没有实现" in error[1] else ""
        hint = key[len(got)].get("hint") if len(got) < n else ""
        return (f"测试单元报错 ({error[0]}), 发生在{where}{todo}。完整的报错请在自己的 notebook 里运行这个测试"
                f"或按上面的输入调用你的函数。" + (f"\n  提示: {hint}" if hint else ""))
    if len(got) < n:
        return (f"这个测试单元应完成 {n} 项检查, 只记录到 {len(got)} 项; 下一项是 {key[len(got)]['what']}。"
                "测试没有完整运行 (被跳过、清空或改写了?)")
    if len(got) > n:
        return f"这个测试单元应完成 {n} 项检查, 却记录到 {len(got)} 项 (检查记录被伪造?)"
    return None


def _verdict(problem: str | None, n_checks: int) -> list:
    """测试单元的新输出: 通过一行, 不通过一条 GradingError (nbgrader 据此判分)。"""
    if problem is None:
        what = f"在评分进程中核对了 {n_checks} 项检查" if n_checks else "测试单元运行无误"
        return [new_output("stream", name="stdout", text=f"✓ 通过 (passed): {what}\n")]
    return [new_output("error", ename="GradingError", evalue=problem, traceback=[f"GradingError: {problem}"])]


class VerifyOutsideKernel(NbGraderPreprocessor):
    """测试单元的结论只来自评分进程。Example: 记录与答案键不一致 → 输出换成一条 GradingError → 0 分"""

    def preprocess(self, nb, resources):
        from course.instructor.answer_key import load_key, split_records
        from course.instructor.workdir import WORKDIR

        info = resources["nbgrader"]
        student_mode = os.environ.get("COURSE_GRADING_MODE") == "student"
        if not student_mode:  # 不是经 python -m course grade 评分: 检查只在内核里做
            self.log.warning("内核不在模式 student, 检查只在内核里做 (请用 python -m course grade 评分)")
        key = load_key(info["assignment"], info["notebook"], WORKDIR / "source") if student_mode else {}
        hidden = [] if student_mode else _hidden_lines(nb)  # 只有原版评分会原样带出内核消息
        for cell in nb.cells:
            if cell.cell_type != "code":
                continue
            records, rest = split_records(cell.get("outputs", []))
            if not _is_test(cell):
                cell.outputs = rest
                continue
            gid = _meta(cell).get("grade_id")
            err = _kernel_error(rest)
            if not student_mode:  # 原版 nbgrader 评分: 内核说了算 (没有这道防线)
                problem = None if err is None else safe_message(f"{err[0]}: {err[1]}", hidden, VISIBLE_MESSAGE_CHARS)
            elif gid not in key:
                problem = f"答案键里没有测试单元 {gid} (讲师需要重新生成答案键)"
            else:
                problem = trusted_verdict(key[gid], records, err)
            n = len(key.get(gid, [])) if student_mode else 0
            cell.outputs = _verdict(problem, n)
            if problem is not None:
                self.log.info("%s/%s %s: 未通过", info.get("student"), info.get("notebook"), gid)
        return nb, resources


class StderrAsStdout(NbGraderPreprocessor):
    """评分单元 (grade) 里的 stderr 输出改记为 stdout。Example: stderr 'Warning' -> stdout '[stderr] Warning'"""

    def preprocess_cell(self, cell, resources, index):
        grade = cell.metadata.get("nbgrader", {}).get("grade")
        if cell.cell_type == "code" and grade:
            for out in cell.get("outputs", []):
                if out.get("output_type") == "stream" and out.get("name") == "stderr":
                    out["name"] = "stdout"
                    out["text"] = "".join("[stderr] " + line for line in out["text"].splitlines(True))
        return cell, resources


def clean_student_markdown(source: str, tags: set[str]) -> str:
    """学生写的 markdown 先按 nbconvert 的方式渲染成 HTML, 再用 bleach 清洗, 返回清洗过的 HTML (markdown 里原样显示)。

    只清洗 markdown 源码不够: `[点我](javascript:alert(1))` 在源码里不是 HTML, 渲染之后才变成可以执行的链接。
    链接只留 http、https、mailto 与页内锚点。Example: '[x](javascript:alert(1))' -> '<p><a>x</a></p>'
    """
    import bleach
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    html = markdown2html_mistune(source)
    return bleach.clean(html, tags=tags, attributes={"a": ["href", "title"]}, protocols=["http", "https", "mailto"],
                        strip=True)


class FeedbackVerdictsOnly(NbGraderPreprocessor):
    """反馈里只留测试单元的结论; 其他输出去掉; 学生写的 markdown 经 bleach 清洗。

    Example: display(HTML('<script>…')) 的输出 -> 无; 学生加的 markdown '<script>x</script>' -> 'x'
    """

    def preprocess(self, nb, resources):
        import bleach

        from course.instructor.workdir import RELEASE_DIR

        info = resources.get("nbgrader", {})
        release = RELEASE_DIR / str(info.get("assignment")) / f"{info.get('notebook')}.ipynb"
        given = set()
        if release.is_file():
            given = {"".join(c["source"]) if isinstance(c["source"], list) else c["source"]
                     for c in json.loads(release.read_text(encoding="utf-8"))["cells"]}
        tags = set(bleach.ALLOWED_TAGS) | {"p", "br", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "table", "thead",
                                           "tbody", "tr", "th", "td", "hr", "span", "div", "sub", "sup"}
        for cell in nb.cells:
            if cell.cell_type == "code":
                cell.outputs = [o for o in cell.outputs if o.get("output_type") in ("stream", "error")] \
                    if _is_test(cell) else []
                if not _is_test(cell):
                    cell.execution_count = None
            elif cell.source not in given:  # 学生写的或改过的 markdown / raw
                cell.source = clean_student_markdown(cell.source, tags)
                cell.pop("attachments", None)
        return nb, resources
