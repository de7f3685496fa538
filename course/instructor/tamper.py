"""篡改扫描 (tamper scan): 找出学生答案里可能在对付评分器的代码, 列进成绩报告留给人工复核。

只扫描学生写的代码: 答案单元, 以及学生自己加的单元 (与学生版 release/ 里任何单元都不同的代码单元);
测试单元评分时会从成绩库恢复, 不用扫。先用 IPython 把魔法命令 (`%…`, `!…`) 转成普通 Python,
再用 `ast` 找下面这些模式 —— 标记不等于作弊, 只是值得看一眼:

- IPython 钩子与变换器: `get_ipython`, `input_transformers_*`, `ast_transformers`, `events.register`
- 给导入的模块的属性赋值 (monkeypatch): `np.allclose = …`, `setattr(np, …)`
- 改写比较: 定义 `__eq__` / `__ne__` / `__bool__` / `__instancecheck__`
- 摸代码对象与栈帧: `__code__`, `__globals__`, `__builtins__`, `f_globals`, `f_back`, `sys.modules`
- 数据库、子进程、信号、底层: `sqlite3`, `sqlalchemy`, `psycopg2`, `subprocess`, `signal`, `ctypes`,
  `socket`, `multiprocessing`, `os.kill` / `os._exit` / `os.system` / `os.fork` / `os.exec*`
- 解释器钩子: `sys.displayhook` / `excepthook` / `addaudithook` / `settrace` / `setprofile` (能在测试单元里
  留下 execute_result, 或读到正在执行的单元), `linecache`, `inspect`, `atexit`, `threading`
- 进程: `os.posix_spawn*`, `os.setsid` / `setpgid` (想活过这个学生), `os.fork*`, `os.exec*`, `os.spawn*`
- 动态代码: `exec`, `eval`, `compile`, `__import__`, `importlib`, `types.CodeType` / `FunctionType`, `marshal`,
  `getattr(sys, "displayhook")` 这类用字符串取的危险属性
- 评分环境的路径: `/proc`、`/run`、`/dev/shm`、`.kernel.json`、`gradebook`、`source/` …
- 评分器本身: `nbgrader`, `course.grading`, `course.instructor`, `reference`, 内核与通信 (`ipykernel`,
  `jupyter_client`, `zmq`)

不负责: 判分 (沙箱与内核外核对才是防线, 见 course/instructor/sandbox.py 与 course/instructor/answer_key.py)。

Example:
    >>> [f.rule for f in scan_source("import numpy as np\\nnp.allclose = lambda *a, **k: True")]
    ['给导入模块的属性赋值 (monkeypatch)']
"""
from __future__ import annotations

import ast
import dataclasses
import json
from pathlib import Path

HOOK_NAMES = {"get_ipython", "input_transformers_cleanup", "input_transformers_post", "ast_transformers",
              "register_magic_function", "set_custom_exc", "set_hook"}
DUNDER_DEFS = {"__eq__", "__ne__", "__bool__", "__instancecheck__", "__subclasscheck__"}
INTROSPECTION = {"__code__", "__globals__", "__builtins__", "f_globals", "f_locals", "f_back", "gi_frame",
                 "__subclasses__", "CodeType", "FunctionType", "_getframe", "__dict__", "ctypeslib", "update_display",
                 "_ih", "_oh", "__loader__", "__spec__"}
# course.grading 的内部名字: 诚实的答案从不用到它们 (改写它们就能伪造检查记录)
GRADER_INTERNALS = {"_record", "_check", "_invoke", "_emit", "_Guard", "PENDING", "CHECK_MIME", "to_plain",
                    "encode_plain", "after_call"}
SYS_HOOKS = {"displayhook", "excepthook", "addaudithook", "settrace", "setprofile", "set_asyncgen_hooks",
             "unraisablehook", "breakpointhook", "audit", "__displayhook__", "__excepthook__"}
SUSPICIOUS_PATHS = ("/proc", "/run", "/dev/shm", "/var/tmp", ".kernel.json", "gradebook", "source/", "autograded",
                    "/tmp/work", "course-sandbox", "/etc/shadow", "/etc/passwd")
RISKY_MODULES = {"sqlite3": "数据库 (database)", "sqlalchemy": "数据库 (database)", "psycopg2": "数据库 (database)",
                 "subprocess": "子进程 (subprocess)", "signal": "信号 (signal)", "ctypes": "底层调用 (ctypes)",
                 "socket": "网络 (socket)", "multiprocessing": "子进程 (subprocess)", "pty": "子进程 (subprocess)",
                 "importlib": "动态代码 (dynamic code)", "nbgrader": "评分器本身 (grader)",
                 "course.grading": "评分器本身 (grader)", "course.instructor": "评分器本身 (grader)",
                 "builtins": "改写内置函数 (builtins)", "gc": "摸对象图 (gc)",
                 "course.instructor": "评分器本身 (grader)", "numpy.ctypeslib": "底层调用 (ctypes)", "ipykernel": "评分器本身 (grader)",
                 "jupyter_client": "评分器本身 (grader)", "zmq": "评分器本身 (grader)",
                 "IPython.core": "IPython 钩子/变换器 (hook/transformer)",
                 "linecache": "读正在执行的代码 (linecache/inspect)", "inspect": "读正在执行的代码 (linecache/inspect)",
                 "atexit": "解释器钩子 (atexit)", "threading": "后台线程 (threading)", "_thread": "后台线程 (threading)",
                 "marshal": "动态代码 (dynamic code)", "types": "动态代码 (dynamic code)",
                 "asyncio.subprocess": "子进程 (subprocess)", "resource": "改资源上限 (resource)",
                 "shutil": "文件系统操作 (shutil)", "tempfile": "文件系统操作 (tempfile)"}
OS_CALLS = {"kill", "killpg", "_exit", "system", "fork", "forkpty", "popen", "execv", "execve", "execl", "execlp",
            "execvp", "execvpe", "execle", "execlpe", "spawnv", "spawnl", "spawnve", "spawnvp", "spawnlp", "spawnvpe",
            "posix_spawn", "posix_spawnp", "setsid", "setpgid", "setpgrp", "setuid", "setgid", "chmod", "chown",
            "remove", "unlink", "rmdir", "symlink", "link", "mkfifo", "mknod", "chroot", "pidfd_open", "register_at_fork",
            "dup2", "getppid", "write"}
DYNAMIC_CALLS = {"exec", "eval", "compile", "__import__", "setattr", "delattr", "globals", "breakpoint"}


@dataclasses.dataclass
class Flag:
    rule: str       # 中文的规则名
    line: int       # 单元里的行号 (从 1 开始)
    snippet: str    # 那一行代码
    where: str = ""  # 单元: grade_id 或 "第 k 个单元"


SAFE_MAGICS = ("%time", "%timeit", "%matplotlib", "%%time", "%%timeit", "%pinfo", "%whos", "%who")


def _to_python(source: str) -> str:
    """把 IPython 语法 (魔法命令、!shell) 转成普通 Python; 无害的魔法命令换成空行。"""
    source = "\n".join("" if line.strip().split(" ")[0] in SAFE_MAGICS else line for line in source.split("\n"))
    try:
        from IPython.core.inputtransformer2 import TransformerManager

        return TransformerManager().transform_cell(source)
    except Exception:
        return source


MAX_SCAN_CHARS = 200_000  # 更长的单元不解析, 直接标记 (解析会用掉太多内存或递归太深)


def scan_source(source: str) -> list[Flag]:
    """扫描一段代码, 返回标记 (按行号)。解析不了的代码不标记 (那只是写错了)。

    恶意的输入 (几十万层的表达式、超长的单元) 不让扫描本身出错: 直接给一个标记。
    """
    if not isinstance(source, str):
        return [Flag("单元的源码不是字符串 (notebook 被手工改过)", 1, "")]
    if len(source) > MAX_SCAN_CHARS:
        return [Flag(f"单元太长 ({len(source)} 个字符), 没有扫描", 1, source[:160])]
    try:
        code = _to_python(source)
        tree = ast.parse(code)
        return _scan_tree(tree, code)
    except SyntaxError:
        return []
    except (RecursionError, MemoryError, ValueError) as exc:
        return [Flag(f"扫描不了这段代码 ({type(exc).__name__}): 嵌套太深或太大", 1, source[:160])]


def _scan_tree(tree: ast.AST, code: str) -> list[Flag]:
    lines = code.splitlines()
    modules: set[str] = set()  # 导入得到的名字
    flags: list[Flag] = []

    def add(rule: str, node: ast.AST) -> None:
        n = getattr(node, "lineno", 1)
        flags.append(Flag(rule, n, lines[n - 1].strip()[:160] if 0 < n <= len(lines) else ""))

    def risky(name: str, node: ast.AST) -> None:
        for mod, rule in RISKY_MODULES.items():
            if name == mod or name.startswith(mod + "."):
                add(rule, node)
                return

    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                modules.add((alias.asname or alias.name).split(".")[0])
                risky(alias.name, node)
        elif isinstance(node, ast.ImportFrom) and node.module:
            for alias in node.names:
                modules.add(alias.asname or alias.name)
                risky(f"{node.module}.{alias.name}", node)
            risky(node.module, node)
    for _ in range(3):  # 模块的别名: cg = course.grading; g = np.testing; m = sys.modules['x'] …
        for node in ast.walk(tree):
            if isinstance(node, (ast.Assign, ast.AnnAssign, ast.NamedExpr)) and node.value is not None:
                value = node.value
                aliased = (isinstance(value, (ast.Attribute, ast.Subscript, ast.Name)) and _base_name(value) in modules) \
                    or (isinstance(value, ast.Call) and isinstance(value.func, (ast.Name, ast.Attribute))
                        and getattr(value.func, "id", getattr(value.func, "attr", "")) in ("import_module", "__import__"))
                if aliased:
                    targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                    modules |= {t.id for t in targets if isinstance(t, ast.Name)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in ("grading", "instructor") and _base_name(node) == "course":
            add("评分器本身 (grader): course." + node.attr, node)
        if isinstance(node, ast.Name) and node.id in HOOK_NAMES:
            add("IPython 钩子/变换器 (hook/transformer)", node)
        elif isinstance(node, ast.Attribute):
            if node.attr in HOOK_NAMES or (node.attr == "register" and isinstance(node.value, ast.Attribute)
                                           and node.value.attr == "events"):
                add("IPython 钩子/变换器 (hook/transformer)", node)
            elif node.attr in SYS_HOOKS and _base_name(node) in modules | {"sys"}:
                add(f"解释器钩子 (sys.{node.attr})", node)
            elif node.attr in INTROSPECTION and (node.attr not in ("__dict__",) or _base_name(node) in modules):
                add("摸代码对象/栈帧 (introspection)", node)
            elif node.attr == "modules" and (isinstance(node.value, ast.Name) and node.value.id == "sys"
                                             or isinstance(node.value, ast.Attribute) and node.value.attr == "sys"):
                add("摸代码对象/栈帧 (introspection)", node)
            elif node.attr == "sys" and _base_name(node) in modules:   # pathlib.sys, os.sys: 绕过 import sys
                add("摸代码对象/栈帧 (introspection)", node)
            elif node.attr in GRADER_INTERNALS:
                add("评分器本身 (grader): 内部函数", node)
            elif node.attr in OS_CALLS and isinstance(node.value, ast.Name) and node.value.id == "os":
                add(f"进程与文件系统操作 os.{node.attr}", node)
        elif isinstance(node, ast.alias) and node.name in SYS_HOOKS | OS_CALLS | HOOK_NAMES | INTROSPECTION:
            add(f"导入了危险的名字 ({node.name})", node)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and any(
                p in node.value for p in SUSPICIOUS_PATHS):
            add("评分环境的路径 (grader paths)", node)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "vars" and node.args \
                and not (isinstance(node.args[0], ast.Name) and node.args[0].id == "self"):
            add("取对象的属性字典 (vars)", node)   # vars(模块).update(...) 能不经 setattr 改写模块
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("getattr", "vars") \
                and (node.func.id == "vars" or (len(node.args) > 1 and (
                    not isinstance(node.args[1], ast.Constant)
                    or node.args[1].value in SYS_HOOKS | OS_CALLS | INTROSPECTION | HOOK_NAMES))) \
                and node.args and _base_name(node.args[0]) in modules:
            add("用字符串取模块的属性 (getattr on a module)", node)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name in DUNDER_DEFS:
            add(f"改写比较 (定义 {node.name})", node)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in DYNAMIC_CALLS:
            if node.func.id in ("setattr", "delattr") and node.args and _base_name(node.args[0]) in modules:
                add("给导入模块的属性赋值 (monkeypatch)", node)
            elif node.func.id not in ("setattr", "delattr"):
                add(f"动态代码 ({node.func.id})", node)
        elif isinstance(node, ast.Name) and node.id == "reference" and isinstance(node.ctx, ast.Load):
            add("评分器本身 (grader): reference", node)
        targets = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, (ast.AugAssign, ast.AnnAssign)):
            targets = [node.target]
        elif isinstance(node, ast.Delete):
            targets = node.targets
        for t in targets:
            for sub in ast.walk(t):  # 元组解包里的每个目标; 只看被赋值的那条 a.b[c].d 链, 不看下标里的表达式
                node_ = sub
                while isinstance(node_, (ast.Attribute, ast.Subscript)):
                    if isinstance(node_, ast.Attribute) and isinstance(node_.ctx, (ast.Store, ast.Del)) \
                            and _base_name(node_) in modules:
                        add("给导入模块的属性赋值 (monkeypatch)", node_)
                        break
                    node_ = node_.value
    seen, out = set(), []
    for f in sorted(flags, key=lambda f: (f.line, f.rule)):
        if (f.rule, f.line) not in seen:
            seen.add((f.rule, f.line))
            out.append(f)
    return out


def _base_name(node: ast.AST) -> str | None:
    while isinstance(node, (ast.Attribute, ast.Subscript)):
        node = node.value
    return node.id if isinstance(node, ast.Name) else None


def _cells(nb) -> list[dict]:
    cells = nb.get("cells") if isinstance(nb, dict) else None
    return [c for c in cells if isinstance(c, dict)] if isinstance(cells, list) else []


def _nbmeta(cell: dict) -> dict:
    meta = cell.get("metadata")
    nbg = meta.get("nbgrader") if isinstance(meta, dict) else None
    return nbg if isinstance(nbg, dict) else {}


def _text(cell: dict):
    src = cell.get("source", "")
    if isinstance(src, list) and all(isinstance(x, str) for x in src):
        return "".join(src)
    return src


def _code_sources(nb) -> list[tuple[dict, str]]:
    return [(c, _text(c)) for c in _cells(nb) if c.get("cell_type") == "code"]


# 练习要学生自己写, 这些库调用就是把练习交给了库 (library shortcut): 只是给讲师复核的提示, 不扣分。
# 只认属性名 (F.layer_norm、torch.optim.AdamW) 和 import 的名字, 不认学生自己定义的同名函数。
LIBRARY_SHORTCUTS = {
    "tfidf": {"TfidfVectorizer", "TfidfTransformer"},
    "cosine_similarity": {"sklearn.metrics.pairwise", "pairwise"},
    "max_match_segment": {"jieba"},
    "layer_norm": {"layer_norm", "LayerNorm"},
    "scaled_dot_product_attention": {"scaled_dot_product_attention"},
    "MultiHeadAttention": {"MultiheadAttention"},
    "lstm_cell": {"LSTMCell", "LSTM", "lstm_cell"},
    "rnn_cell": {"RNNCell", "RNN", "rnn_tanh_cell"},
    "clip_grad_norm": {"clip_grad_norm_", "clip_grad_norm"},
    "bleu": {"sentence_bleu", "corpus_bleu", "sacrebleu", "nltk"},
    "train_bpe": {"tokenizers", "BpeTrainer", "load_bpe", "hf_tokenizer", "BPETokenizer", "token_bytes_table", "merges_to_bytes"},
    "bpe_encode": {"tokenizers", "load_bpe", "hf_tokenizer", "BPETokenizer", "token_bytes_table", "merges_to_bytes"},
    "bpe_decode": {"tokenizers", "load_bpe", "hf_tokenizer", "BPETokenizer", "token_bytes_table", "merges_to_bytes"},
    "encode_with_specials": {"tokenizers", "load_bpe", "hf_tokenizer", "BPETokenizer", "token_bytes_table", "merges_to_bytes"},
    "GPT": {"MiniGPT", "minigpt"},
    "adamw_step": {"AdamW", "Adam", "_functional"},
    "lr_schedule": {"lr_scheduler", "LinearLR", "CosineAnnealingLR", "SequentialLR", "LambdaLR", "OneCycleLR"},
    "cached_attention": {"scaled_dot_product_attention", "MultiheadAttention"},
    "LoRALinear": {"peft"},
}


# 这些名字不会是学生自己函数的名字, 所以直接调用 (不经属性) 也算
UNIQUE_LIBRARY_NAMES = {"token_bytes_table", "merges_to_bytes", "load_bpe", "hf_tokenizer", "BPETokenizer", "BpeTrainer",
                        "MiniGPT", "TfidfVectorizer", "AdamW", "LinearLR", "CosineAnnealingLR", "SequentialLR"}


def scan_shortcuts(grade_id: str, source: str) -> list[Flag]:
    """答案单元里用库代替练习本身的地方 (见 LIBRARY_SHORTCUTS)。

    Example: [f.rule for f in scan_shortcuts("adamw_step", "import torch\nopt = torch.optim.AdamW([])")]
    -> ['用库代替了练习 (library shortcut): AdamW']
    """
    names = LIBRARY_SHORTCUTS.get(grade_id)
    if not names:
        return []
    try:
        tree = ast.parse(_to_python(source))
    except (SyntaxError, ValueError, RecursionError):
        return []
    flags, seen = [], set()
    for node in ast.walk(tree):
        hits = []
        if isinstance(node, ast.Attribute):
            hits = [node.attr]
        elif isinstance(node, ast.Name) and node.id in UNIQUE_LIBRARY_NAMES:   # notebook 前面已经 import 好的
            hits = [node.id]
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            mod = getattr(node, "module", None) or ""
            hits = [mod, *mod.split(".")] + [n for a in node.names for n in (a.name, *a.name.split("."))]
        for h in hits:
            if h in names and h not in seen:
                seen.add(h)
                flags.append(Flag(f"用库代替了练习 (library shortcut): {h}", getattr(node, "lineno", 0),
                                  ast.get_source_segment(_to_python(source), node) or h))
    return flags


def scan_notebook(submitted: Path, release: Path | None = None) -> list[Flag]:
    """扫描一份提交里学生写的代码单元; release 给出时跳过与学生版一字不差的单元。

    提交的 JSON 可以是任何形状 (顶层是列表、单元缺 source、metadata 是 null …): 扫描本身从不出错。
    """
    try:
        nb = json.loads(submitted.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return []  # 坏掉的 JSON 由评分报告说明, 不算篡改
    given, given_meta = set(), {}
    if release is not None and release.is_file():
        rel = json.loads(release.read_text(encoding="utf-8"))
        given = {src for _, src in _code_sources(rel)}
        given_meta = {m["grade_id"]: m for c in _cells(rel) if (m := _nbmeta(c)).get("grade_id")}
    flags = []
    for k, cell in enumerate(_cells(nb)):  # 改过的 nbgrader 元数据 (评分时会按学生版恢复)
        meta = _nbmeta(cell)
        gid = meta.get("grade_id")
        if given_meta and meta and (gid in given_meta and meta != given_meta[gid]
                                    or gid not in given_meta and (meta.get("grade") or meta.get("solution"))):
            flags.append(Flag("改了 nbgrader 元数据 (edited metadata; 评分时按学生版恢复)", 0,
                              json.dumps(meta, ensure_ascii=False, default=str)[:160], str(gid or f"第 {k + 1} 个单元")))
        if isinstance(cell.get("metadata"), dict) and set(cell["metadata"].get("tags") or []) & {
                "skip-execution", "raises-exception"}:
            flags.append(Flag("单元标签会改变执行 (skip-execution / raises-exception)", 0, str(cell["metadata"]["tags"]),
                              str(gid or f"第 {k + 1} 个单元")))
    for k, (cell, src) in enumerate(_code_sources(nb)):
        meta = _nbmeta(cell)
        if meta.get("grade") and not meta.get("solution"):
            continue  # 测试单元: 评分时从成绩库恢复
        if not meta.get("solution") and src in given:
            continue  # 学生版里原有的单元
        found = scan_source(src) + (scan_shortcuts(str(meta.get("grade_id")), src) if meta.get("solution") else [])
        for f in found:
            f.where = str(meta.get("grade_id") or f"第 {k + 1} 个代码单元")
            flags.append(f)
    return flags
