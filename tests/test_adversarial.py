"""对抗评分 (grading under attack): 40 多份针对评分器的提交, 真实的 nbgrader + 沙箱内核, 一批评完。

每份提交: 它应得的分数; 不该得的分要么被挡住 (prevented), 要么被标记 (flagged) 留给人工复核;
其余学生 (包括排在攻击者后面、用同一个槽位的诚实学生) 照常评分, 拿满分; 成绩库前后一致。
用第一周 (最小的 notebook), 两个工作进程。只看自己建的东西: 沙箱用测试自己的命名空间
(COURSE_SANDBOX_NS: 自己的用户、IPC 目录、cgroup), 结束时删掉; 同一台机器上另一套评分不受影响, 也不影响它。
需要 Linux + root (沙箱); 否则跳过整个模块。
"""
from __future__ import annotations

import copy
import html
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from course.instructor import sandbox
from course.grading import COURSE_ROOT, SOURCE_DIR
from course.instructor.pipeline import demo_answers, fill_answers

WEEK = "week01_text"
POINTS = {"max_match_segment": 3, "segmentation_prf": 3, "build_vocab": 3, "encode": 2, "decode": 2, "tfidf": 4,
          "cosine_similarity": 3}
FULL = sum(POINTS.values())

ok, why = sandbox.available()
pytestmark = pytest.mark.skipif(not ok, reason=f"沙箱不可用: {why}")
NS = f"t{os.getpid() % 100000}"        # 这个测试自己的沙箱命名空间
TOKEN = f"course-adv-{os.getpid()}"    # 攻击者留下的标记文件名: 评完之后一个都不能存在
WALL_S = 240                           # 这批的时间预算 (诚实的学生安静时 < 40 s, 机器很忙时也远低于它)
LEFTOVER_PLACES = ["/run/lock", "/tmp", "/dev/shm", "/var/tmp"]


def _run(args, workdir, timeout=2400):
    env = dict(os.environ, COURSE_WORKDIR=str(workdir), PATH=f"{Path(sys.executable).parent}:{os.environ['PATH']}",
               COURSE_SANDBOX_NS=NS, COURSE_SANDBOX_WALL_S=str(WALL_S))
    env.pop("COURSE_DB_URL", None)
    return subprocess.run([sys.executable, "-m", "course", *args], cwd=workdir, env=env, capture_output=True,
                          text=True, timeout=timeout)


def _src(cell):
    return cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])


def _gid(cell):
    return cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")


def _code_cell(src):
    return {"cell_type": "code", "metadata": {}, "source": src, "outputs": [], "execution_count": None}


WRONG = "def {name}(*args, **kwargs):\n    return None\n"


def _submissions(workdir: Path, other_checkout: Path) -> dict[str, dict | str]:
    """{学生: notebook dict (或损坏的文本)}。"""
    nb_name = next((SOURCE_DIR / WEEK).glob("*.ipynb")).name
    release = json.loads((workdir / "release" / WEEK / nb_name).read_text(encoding="utf-8"))
    source = json.loads((SOURCE_DIR / WEEK / nb_name).read_text(encoding="utf-8"))
    ref = demo_answers("perfect", source, WEEK)

    def answers(**override):
        return fill_answers(release, {**ref, **override})

    def wrong_all(prefix=""):
        return fill_answers(release, {g: (prefix if i == 0 else "") + WRONG.format(name=g) for i, g in enumerate(ref)})

    def edit(nb, fn):
        nb = copy.deepcopy(nb)
        nb["cells"] = [c for cell in nb["cells"] for c in fn(cell)]
        return nb

    wd = str(workdir)
    subs: dict[str, dict | str] = {}
    subs["perfect"] = answers()
    # 1) 改写比较函数, 答错 cosine_similarity
    subs["patch_allclose"] = answers(cosine_similarity=(
        "import math\nimport numpy as np\n"
        "np.allclose = lambda *a, **k: True\nnp.isclose = lambda *a, **k: True\n"
        "np.testing.assert_allclose = lambda *a, **k: None\nmath.isclose = lambda *a, **k: True\n"
        "def cosine_similarity(a, b):\n    return 0.5\n"))
    # 2) 返回 "永远相等" 的对象
    subs["always_equal"] = answers(encode=(
        "class Anything(list):\n    def __eq__(self, other):\n        return True\n    __hash__ = None\n"
        "def encode(tokens, vocab, unk='<unk>'):\n    return Anything()\n"))
    # 3) 输入变换器: 清空之后所有测试单元
    subs["input_transformer"] = wrong_all(
        "def _blank(lines):\n"
        "    text = ''.join(lines)\n"
        "    return ['pass\\n'] if ('course' in text or 'assert' in text) else lines\n"
        "get_ipython().input_transformers_post.append(_blank)\n")
    # 4) AST 变换器: 把 assert 和 raise 都变成 pass
    subs["ast_transformer"] = wrong_all(
        "import ast\n"
        "class _NoChecks(ast.NodeTransformer):\n"
        "    def visit_Assert(self, node):\n        return ast.Pass()\n"
        "    def visit_Raise(self, node):\n        return ast.Pass()\n"
        "get_ipython().ast_transformers.append(_NoChecks())\n")
    # 5) 改写课程的检查函数
    subs["patch_grading"] = wrong_all(
        "import course.grading as _g\n"
        "_g.assert_equal = _g.assert_close = _g.assert_true = lambda *a, **k: None\n"
        "_g.check_reference = lambda *a, **k: None\n_g._emit = lambda record: None\n")
    # 6) 直接写成绩库 (SQLite 文件、PostgreSQL 端口)
    subs["gradebook_write"] = wrong_all(
        "import glob, socket, sqlite3\n"
        f"for _p in ['../../gradebook.db', '../../../gradebook.db', {wd + '/gradebook.db'!r}] + glob.glob('/**/gradebook.db', recursive=True):\n"
        "    try:\n"
        "        _c = sqlite3.connect(_p)\n"
        "        _c.execute('UPDATE grade SET auto_score = max_score')\n"
        "        _c.execute('UPDATE grade_cells SET max_score = 0')\n"
        "        _c.commit()\n"
        "    except Exception:\n        pass\n"
        "try:\n    socket.create_connection(('127.0.0.1', 5432), timeout=2)\nexcept Exception:\n    pass\n")
    # 7) 读 source/ 里的参考解答, 或者偷别人的评分结果
    subs["read_source"] = wrong_all(
        "import glob, json\n"
        f"for _p in glob.glob({wd + '/source/*/*.ipynb'!r}) + glob.glob({str(COURSE_ROOT) + '/source/*/*.ipynb'!r}) "
        f"+ glob.glob({wd + '/autograded/perfect/*/*.ipynb'!r}):\n"
        "    for _c in json.load(open(_p))['cells']:\n"
        "        if _c['metadata'].get('nbgrader', {}).get('solution'):\n"
        "            exec(''.join(_c['source']), globals())\n")
    # 8) 在答案里调用参考解答
    subs["call_reference"] = fill_answers(release, {
        g: f"from course.grading import reference\n{g} = reference({g!r})\n" for g in ref})
    # 9) 死循环 (能被中断)
    subs["infinite_loop"] = answers(encode="while True:\n    pass\n" + ref["encode"])
    # 10) 忽略 SIGINT 的死循环
    subs["sigint_loop"] = answers(decode=(
        "import signal\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\nwhile True:\n    pass\n" + ref["decode"]))
    # 10b) 忽略 SIGINT 且吞掉 KeyboardInterrupt 的死循环: 升级也打不断 → 这份评分失败, 原因写明
    subs["unstoppable_loop"] = answers(decode=(
        "import signal, time\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\nwhile True:\n    try:\n"
        "        time.sleep(0.01)\n    except BaseException:\n        pass\n" + ref["decode"]))
    # 11) 内核自杀
    subs["os_exit"] = answers(decode="import os\nos._exit(1)\n" + ref["decode"])
    # 12) 杀评分进程 (父进程)、杀 1 号进程、杀全部进程
    subs["kill_parent"] = answers(encode=(
        "import os, signal\n"
        "for _pid in (os.getppid(), 1, -1):\n"
        "    try:\n        os.kill(_pid, signal.SIGKILL)\n    except Exception:\n        pass\n" + ref["encode"]))
    # 13) 巨大的内存分配
    subs["huge_alloc"] = answers(encode="_big = bytearray(64 * 1024 ** 3)\n" + ref["encode"])
    # 14) 往 stderr 打印、发警告
    subs["stderr_noise"] = answers(decode=ref["decode"] + (
        "\nimport os, sys, warnings\n_decode = decode\n"
        "def decode(*args, **kwargs):\n"
        "    sys.stderr.write('debug\\n'); os.write(2, b'raw fd 2\\n'); warnings.warn('小心')\n"
        "    return _decode(*args, **kwargs)\n"))
    # 15) 后台子进程 (评完后必须被清理)
    subs["background_process"] = answers(encode="import subprocess\n_p = subprocess.Popen(['sleep', '600'])\n"
                                                + ref["encode"])
    # 16) 删掉全部测试单元
    subs["deleted_tests"] = edit(answers(), lambda c: [] if (_gid(c) or "").startswith("test_") else [c])
    # 17) 复制粘贴了一个答案单元 (重复的 grade_id)
    subs["duplicated_cell"] = edit(answers(), lambda c: [c, copy.deepcopy(c)] if _gid(c) == "encode" else [c])
    # 18) 去掉测试单元的 nbgrader 元数据
    subs["metadata_stripped"] = edit(answers(), lambda c: [
        {**c, "metadata": {}} if (_gid(c) or "").startswith("test_") else c])
    # 19) 测试单元改成 markdown
    subs["test_to_markdown"] = edit(answers(), lambda c: [
        {"cell_type": "markdown", "metadata": c["metadata"], "source": _src(c)} if (_gid(c) or "").startswith("test_")
        else c])
    # 20) 改写锁定的测试单元 (答案全错)
    subs["edited_tests"] = edit(wrong_all(), lambda c: [
        {**c, "source": "pass"} if (_gid(c) or "").startswith("test_") else c])
    # 21) 伪造检查记录 (不知道正确值, 只能乱填)
    forge = ("from IPython.display import publish_display_data\n"
             "def {name}(*args, **kwargs):\n"
             "    publish_display_data({{'application/vnd.course.check+json': {{'actual': 0}}}})\n"
             "    return None\n")
    subs["forged_records"] = fill_answers(release, {g: forge.format(name=g) for g in ref})
    # 22-24) 坏文件、改名
    text = json.dumps(answers(), ensure_ascii=False)
    subs["invalid_json"] = "{ 这不是 JSON"
    subs["truncated_json"] = text[: len(text) // 2]
    subs["renamed_notebook"] = answers()
    # 25) 空答案
    subs["blank"] = release
    # ---- 第二轮 (issue 13) ----
    # 26) sys.displayhook 在每个测试单元留下 execute_result (nbgrader 会把非数值结果当满分)
    subs["displayhook_call"] = fill_answers(release, {
        g: f"import sys\ndef {g}(*args, **kwargs):\n    sys.displayhook('ok')\n    return None\n" for g in ref})
    subs["displayhook_audit"] = wrong_all(
        "import sys\n"
        "def _hook(event, args):\n"
        "    if event == 'exec':\n"
        "        try:\n            sys.displayhook('ok')\n        except Exception:\n            pass\n"
        "sys.addaudithook(_hook)\n")
    # 27) 活过自己的进程: posix_spawn 一个不停 fork 换 PID 的子进程, 想读后面学生内核的连接文件、在共享目录留文件
    persist = (
        "import os, glob, time\n"
        "for _d in " + repr(LEFTOVER_PLACES) + ":\n"
        "    try:\n        open(os.path.join(_d, " + repr(TOKEN) + "), 'w').write('x')\n    except Exception:\n        pass\n"
        "while True:\n"
        "    for _p in glob.glob('/proc/*/root/tmp/work/.kernel.json'):\n"
        "        try:\n            open('/tmp/" + TOKEN + "-stolen', 'a').write(open(_p).read())\n"
        "        except Exception:\n            pass\n"
        "    if os.fork():\n        os._exit(0)\n"
        "    os.setsid()\n    time.sleep(0.05)\n")
    subs["aaa_persist_spawn"] = answers(encode=(
        "import os, sys\n"
        f"os.posix_spawn(sys.executable, [sys.executable, '-c', {persist!r}], dict(os.environ))\n" + ref["encode"]))
    # 28) 读机器上另一份课程仓库里的参考解答 (黑名单挡不住, 白名单才挡得住)
    subs["other_checkout"] = wrong_all(
        "import glob, json\n"
        f"for _p in glob.glob({str(other_checkout) + '/source/*/*.ipynb'!r}) + glob.glob('/work/*/source/*/*.ipynb') "
        "+ glob.glob('/opt/*/source/*/*.ipynb'):\n"
        "    for _c in json.load(open(_p))['cells']:\n"
        "        if _c['metadata'].get('nbgrader', {}).get('solution'):\n"
        "            exec(''.join(_c['source']), globals())\n")
    # 29) 审计钩子读正在执行的单元 (linecache) 打印出来: 想把隐藏测试带进反馈
    subs["audit_leak"] = answers(encode=(
        "import sys, linecache\n"
        "_seen = set()\n"
        "def _leak(event, args):\n"
        "    if event == 'exec':\n"
        "        for _k, _v in list(linecache.cache.items()):\n"
        "            if len(_v) > 2 and _k not in _seen:\n"
        "                _seen.add(_k)\n"
        "                print('LEAK', ''.join(_v[2]))\n"
        "sys.addaudithook(_leak)\n" + ref["encode"]))
    # 30) 在槽位的 IPC 目录里放一个目录 (以前会让后面每一份都评分失败)
    subs["ipc_plant"] = answers(decode=(
        "import glob, os\n"
        "for _d in glob.glob('/run/course-sandbox/**/slot-*', recursive=True):\n"
        "    for _n in ('kernel-planted', 'kernel-1', 'x/y/z'):\n"
        "        try:\n            os.makedirs(os.path.join(_d, _n), exist_ok=True)\n        except Exception:\n"
        "            pass\n" + ref["decode"]))
    # 31) 每个答案单元睡 29 s (单元超时是 30 s): 墙钟预算让它结束, 而不是占住工作进程十几分钟
    sleepy = fill_answers(release, {g: "import time\ntime.sleep(29)\n" + code for g, code in ref.items()})
    sleepy["cells"][1:1] = [_code_cell("import time\ntime.sleep(29)\n") for _ in range(5)]  # 学生自己加的单元
    subs["sleepy"] = sleepy
    # 32) 海量输出 (没有换行)
    subs["output_flood"] = answers(decode=ref["decode"] + "\nprint('x' * (40 * 1024 ** 2))\n")
    # 33) 换了会话的忙循环: 评完必须消失, 也不许拖慢别人 (cgroup 的 CPU 份额)
    subs["cpu_hog"] = answers(cosine_similarity=ref["cosine_similarity"] + (
        "\nimport os\n"
        "for _i in range(3):\n"
        "    if os.fork() == 0:\n"
        "        os.setsid()\n"
        "        while True:\n            pass\n"))
    # 34) 反馈里的 <script>: 输出里的和学生加的 markdown 里的
    script_nb = answers(decode=ref["decode"] + (
        "\nfrom IPython.display import HTML, display\ndisplay(HTML(\"<script>alert('x-course-xss')</script>\"))\n"))
    script_nb["cells"].insert(1, {"cell_type": "markdown", "metadata": {},
                                  "source": "<script>alert('x-course-xss-md')</script>\n我的笔记"})
    subs["script_html"] = script_nb
    # 35) 把答案单元改成评分单元, 50 分
    subs["metadata_points"] = edit(answers(), lambda c: [
        {**c, "metadata": {**c["metadata"], "nbgrader": {**c["metadata"]["nbgrader"], "grade": True, "points": 50}}}
        if _gid(c) == "encode" else c])
    # 36) 把正在运行的测试单元的源码 (In[-1]) 压缩、base64 之后塞进 BaseException 的消息, 想经反馈带出去
    subs["leak_baseexception"] = answers(encode=ref["encode"] + (
        "\nimport base64, zlib\n_encode = encode\n"
        "class _Leak(BaseException):\n    pass\n"
        "def encode(*args, **kwargs):\n"
        "    src = get_ipython().user_ns['In'][-1]\n"
        "    raise _Leak('LEAK[' + base64.b64encode(zlib.compress(src.encode())).decode() + ']')\n"))
    # 37) System V IPC 对象 (共享内存、消息队列、信号量): 没有 IPC 命名空间时会活过这个学生
    subs["sysv_ipc"] = answers(decode=ref["decode"] + (
        "\nimport ctypes\n_libc = ctypes.CDLL(None)\n"
        "_libc.shmget(0x7E57A11, 1 << 20, 0o1666)\n_libc.msgget(0x7E57A12, 0o1666)\n_libc.semget(0x7E57A13, 1, 0o1666)\n"))
    # 38) 用 update_display 绕过输出上限
    subs["display_update_flood"] = answers(decode=ref["decode"] + (
        "\nfrom IPython.display import display, update_display\n"
        "display({'text/plain': 'small'}, raw=True, display_id='capbypass')\n"
        "update_display({'text/plain': 'A' * (30 * 1024 ** 2)}, raw=True, display_id='capbypass')\n"))
    # 39) 排在攻击者后面的诚实学生 (同一个槽位)
    for i in range(1, 4):
        subs[f"zz_control_{i}"] = answers()
    return subs


EXPECTED = {  # 应得的分数; None = 这份提交评分失败 (坏文件 / 内核死掉), 原因写在报告里
    "perfect": FULL, "patch_allclose": FULL - 3, "always_equal": FULL - 2, "input_transformer": 0,
    "ast_transformer": 0, "patch_grading": 0, "gradebook_write": 0, "read_source": 0, "call_reference": 0,
    "infinite_loop": FULL - 2, "sigint_loop": FULL - 2, "unstoppable_loop": None, "os_exit": None, "kill_parent": FULL, "huge_alloc": FULL - 2,
    "stderr_noise": FULL, "background_process": FULL, "deleted_tests": FULL, "duplicated_cell": FULL,
    "metadata_stripped": FULL, "test_to_markdown": FULL, "edited_tests": 0, "forged_records": 0,
    "invalid_json": None, "truncated_json": None, "renamed_notebook": None, "blank": 0,
    "displayhook_call": 0, "displayhook_audit": 0, "aaa_persist_spawn": FULL, "other_checkout": 0,
    "audit_leak": FULL, "ipc_plant": FULL, "sleepy": None, "output_flood": FULL, "cpu_hog": FULL,
    "script_html": FULL, "metadata_points": FULL, "symlink_notebook": None, "symlink_extra": None,
    "zz_control_1": FULL, "zz_control_2": FULL, "zz_control_3": FULL,
    "leak_baseexception": FULL - POINTS["encode"], "sysv_ipc": FULL, "display_update_flood": FULL,
}
MUST_FLAG = {"patch_allclose", "always_equal", "input_transformer", "ast_transformer", "patch_grading",
             "gradebook_write", "read_source", "call_reference", "sigint_loop", "unstoppable_loop", "os_exit", "kill_parent",
             "background_process", "renamed_notebook", "displayhook_call", "displayhook_audit", "aaa_persist_spawn",
             "other_checkout", "audit_leak", "ipc_plant", "cpu_hog", "metadata_points", "symlink_notebook",
             "symlink_extra", "sysv_ipc", "display_update_flood"}
HONEST = {"perfect", "blank", "deleted_tests", "duplicated_cell", "metadata_stripped", "test_to_markdown",
          "invalid_json", "truncated_json", "zz_control_1", "zz_control_2", "zz_control_3"}


@pytest.fixture(scope="module")
def attacked(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("attack")
    shutil.copy(COURSE_ROOT / "nbgrader_config.py", workdir)
    (workdir / "source").mkdir()
    shutil.copytree(SOURCE_DIR / WEEK, workdir / "source" / WEEK)
    shutil.copy(SOURCE_DIR / "header.ipynb", workdir / "source")
    # 机器上 "另一份课程仓库": 不在旧黑名单上的地方 (测试自己建, 结束时删掉)
    other = Path(tempfile.mkdtemp(prefix="course-other-", dir="/opt" if os.access("/opt", os.W_OK) else None))
    shutil.copytree(SOURCE_DIR / WEEK, other / "source" / WEEK)
    assert _run(["release"], workdir).returncode == 0
    nb_name = next((SOURCE_DIR / WEEK).glob("*.ipynb")).name
    for student, nb in _submissions(workdir, other).items():
        name = nb_name.replace(".ipynb", " (1).ipynb") if student == "renamed_notebook" else nb_name
        out = workdir / "submitted" / student / WEEK / name
        out.parent.mkdir(parents=True)
        out.write_text(nb if isinstance(nb, str) else json.dumps(nb, ensure_ascii=False), encoding="utf-8")
    # 符号链接: 整个 notebook 指向 source/; 或者正常的 notebook 旁边放指向成绩库与 /etc/shadow 的链接
    link = workdir / "submitted" / "symlink_notebook" / WEEK
    link.mkdir(parents=True)
    (link / nb_name).symlink_to(workdir / "source" / WEEK / nb_name)
    extra = workdir / "submitted" / "symlink_extra" / WEEK
    extra.mkdir(parents=True)
    shutil.copy(workdir / "submitted" / "perfect" / WEEK / nb_name, extra / nb_name)
    (extra / "gradebook.db").symlink_to(workdir / "gradebook.db")
    (extra / "shadow").symlink_to("/etc/shadow")
    db = workdir / "gradebook.db"
    try:
        proc = _run(["grade", "--workers", "2", "--sandbox", "on"], workdir)
        report = json.loads((workdir / "grading-report.json").read_text(encoding="utf-8"))
        env = dict(os.environ, COURSE_SANDBOX_NS=NS)
        slots = sorted(int(p.stem.split("-")[1]) for p in (sandbox.BASE_IPC_ROOT / NS).glob("slot-*.lock"))
        leftovers = subprocess.run([sys.executable, "-c", (
            "import json; from course.instructor import sandbox; "
            f"print(json.dumps({{s: sandbox.slot_processes(s) for s in {slots!r}}}))")],
            env=env, capture_output=True, text=True).stdout
        ipcs = subprocess.run(["ipcs", "-a"], capture_output=True, text=True).stdout
        yield workdir, proc, report, db, slots, {"procs": json.loads(leftovers or "{}"), "ipcs": ipcs}
    finally:
        subprocess.run([sys.executable, "-c", "from course.instructor import sandbox; sandbox.remove_namespace()"],
                       env=dict(os.environ, COURSE_SANDBOX_NS=NS), capture_output=True)
        shutil.rmtree(other, ignore_errors=True)
        for d in LEFTOVER_PLACES:
            for p in Path(d).glob(f"{TOKEN}*"):
                p.unlink()


def test_every_submission_gets_what_it_deserves(attacked):
    workdir, proc, report, _, _, _ = attacked
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert report["sandboxed"]
    got = {o["student"]: o["score"] for o in report["outcomes"]}
    assert len(EXPECTED) >= 25 and set(got) == set(EXPECTED), set(got) ^ set(EXPECTED)
    wrong = {s: (got[s], want) for s, want in EXPECTED.items() if got[s] != want and not (want is None and not got[s])}
    assert not wrong, f"(得到, 应得): {wrong}\n{proc.stdout[-4000:]}"


def test_failures_have_a_reason_and_others_are_graded(attacked):
    _, proc, report, _, _, _ = attacked
    jobs = {j["student"]: j for j in report["jobs"]}
    reasons = {"invalid_json": "JSON", "truncated_json": "JSON", "renamed_notebook": "改了名",
               "os_exit": "DeadKernelError", "unstoppable_loop": "无法中断", "sleepy": "时间预算",
               "symlink_notebook": "符号链接", "symlink_extra": "符号链接"}
    for s, want in EXPECTED.items():
        if want is None:
            assert not jobs[s]["ok"] and reasons[s] in jobs[s]["reason"], (s, jobs[s])
        else:
            assert jobs[s]["ok"], (s, jobs[s])
    assert "评分失败" in proc.stdout


def test_tampering_is_flagged(attacked):
    _, proc, report, _, _, _ = attacked
    flagged = {f["student"] for f in report["flags"]}
    assert MUST_FLAG <= flagged, MUST_FLAG - flagged
    assert not flagged & HONEST, flagged
    assert "需要人工复核" in proc.stdout


def test_gradebook_is_consistent(attacked):
    workdir, _, report, db, _, _ = attacked
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{db}") as gb:
        assignment = gb.find_assignment(WEEK)
        assert assignment.max_score == FULL, "评分单元的分值被改动了"
        for sub in gb.assignment_submissions(WEEK):
            for nb in sub.notebooks:
                cells = {g.name: g for g in nb.grades}
                assert len(cells) == 14, (sub.student.id, sorted(cells))
                for g in cells.values():
                    assert g.score is not None and 0 <= g.score <= g.max_score, (sub.student.id, g.name, g.score)
            assert abs(sub.score - sum(g.score for nb in sub.notebooks for g in nb.grades)) < 1e-9
            want = EXPECTED.get(sub.student.id)
            assert want is None or sub.score == want, (sub.student.id, sub.score, want)


def test_nothing_outlives_the_students(attacked):
    """只看这个测试自己的槽位: 没有活着的进程, IPC 目录是空的, 攻击者留下的文件一个都不在。"""
    workdir, _, _, _, slots, leftovers = attacked
    assert slots, "评分应当占用了这个测试自己的槽位"
    assert all(not procs for procs in leftovers["procs"].values()), leftovers["procs"]
    for key in ("0x07e57a11", "0x07e57a12", "0x07e57a13"):  # 学生建的 System V IPC 对象随它的命名空间消失
        assert key not in leftovers["ipcs"], leftovers["ipcs"]
    for s in slots:
        d = sandbox.BASE_IPC_ROOT / NS / f"slot-{s}"
        assert d.is_dir() and not any(d.iterdir()), (d, list(d.iterdir()))
    for place in LEFTOVER_PLACES:
        assert not list(Path(place).glob(f"{TOKEN}*")), place


def test_refused_submissions_leave_nothing_behind(attacked):
    workdir, _, _, _, _, _ = attacked
    for student in ("symlink_notebook", "symlink_extra"):
        for top in ("autograded", "feedback"):
            assert not list((workdir / top / student).rglob("*")), (top, student)
    for top in ("autograded", "feedback"):  # 评分输出里只有 notebook 与 HTML, 没有链接
        for p in (workdir / top).rglob("*"):
            assert not p.is_symlink() and (p.is_dir() or p.suffix in (".ipynb", ".html")), p


def test_feedback_and_outputs_stay_small(attacked):
    workdir, _, _, _, _, _ = attacked
    for p in list((workdir / "feedback").rglob("*.html")) + list((workdir / "autograded").rglob("*.ipynb")):
        assert p.stat().st_size < 8 * 1024 ** 2, (p, p.stat().st_size)


def _hidden_only_lines(workdir: Path) -> list[str]:
    """隐藏测试里的代码行, 且不出现在学生版里 (出现在反馈里就是泄露)。"""
    nb_name = next((SOURCE_DIR / WEEK).glob("*.ipynb")).name
    release = (workdir / "release" / WEEK / nb_name).read_text(encoding="utf-8")
    lines = []
    for cell in json.loads((SOURCE_DIR / WEEK / nb_name).read_text(encoding="utf-8"))["cells"]:
        src = _src(cell)
        if "BEGIN HIDDEN TESTS" in src:
            lines += [ln.strip() for ln in src.splitlines() if len(ln.strip()) >= 25 and ln.strip() not in release
                      and json.dumps(ln.strip())[1:-1] not in release]
    assert len(lines) >= 10
    return lines


def test_feedback_hides_hidden_tests_and_check_records(attacked):
    workdir, _, _, _, _, _ = attacked
    hidden = _hidden_only_lines(workdir)
    pages = list((workdir / "feedback").rglob("*.html"))
    assert len(pages) >= 20
    for page in pages:
        raw = page.read_text(encoding="utf-8")
        text = html.unescape(raw)
        assert "<script>alert('x-course" not in raw, page  # 代码单元里的是转义过的源码; 能执行的 <script> 不能有
        assert "BEGIN HIDDEN TESTS" not in text, page
        leaked = [ln for ln in hidden if ln in text]
        assert not leaked, (page, leaked[:3])
        assert "LEAK[eJ" not in text, page  # 攻击者的代码里有 'LEAK[', 压缩后的源码 (eJ…) 不能出现
        if "forged_records" not in page.parts:  # 这个学生自己的代码里写着那个 MIME 类型
            assert "vnd.course.check" not in text, page
    for nb in (workdir / "autograded").rglob("*.ipynb"):  # 检查记录核对完就从输出里删掉了
        for cell in json.loads(nb.read_text(encoding="utf-8"))["cells"]:
            meta = cell.get("metadata", {}).get("nbgrader", {})
            for out in cell.get("outputs", []):
                assert "application/vnd.course.check+json" not in out.get("data", {}), nb
                if meta.get("grade") and not meta.get("solution"):  # 测试单元只有我们的结论
                    assert out["output_type"] in ("stream", "error"), (nb, meta.get("grade_id"), out["output_type"])
