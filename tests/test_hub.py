"""多门课的 JupyterHub 上的完整流程 (issue 16 第 3 条), 全是真的: jupyterhub (PyPI)、configurable-http-proxy (npm)、
PAM 登录的系统用户、每人一个 jupyterhub-singleuser、每门课一个以 grader 系统用户运行的 formgrader 服务。

配置就是 README 写的那份 (course/instructor/deploy/jupyterhub_config.py + 课程清单): 两门课 llm-zh (讲师 t1,
学生 s1 s2) 与 nlp101 (讲师 t2, 学生 s3), 一个共用的交换目录 (path_includes_course)。每一步都走 HTTP, 用的是
JupyterLab 的 Assignment List 与 Formgrader 按钮背后的同一批接口, 令牌由 Hub 发给这个人:

讲师 (grader) 生成学生版 → t1 在 formgrader 服务里 Release → s1 s2 在自己的服务器上列出、Fetch、做题 (s1 满分,
s2 每隔一题一个 bug)、Validate → **s1 与 s2 同时 Submit** → t1 Collect → 讲师 `python -m course grade` →
t1 在 formgrader 里看到分数、Release Feedback → s1 s2 Fetch Feedback 读到自己的分数。另一门课 nlp101 同时走
Release → s3 Fetch/Submit → t2 Collect, 两门课互不相见。

没有 root、jupyterhub 或 configurable-http-proxy 时整个模块跳过 (make hub 安装后者)。
"""
from __future__ import annotations

import csv
import datetime
import json
import os
import re
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from course.grading import COURSE_ROOT
from course.instructor.hub_setup import ensure_shared_venv
from course.instructor.lab import INSTRUCTOR_LAB_PLUGINS
from course.instructor.pipeline import demo_answers, fill_answers
from tests.hub_cluster import HubCluster, unavailable

_why = unavailable()
if _why:
    pytest.skip(f"{_why}: 跳过 JupyterHub 测试", allow_module_level=True)

WEEK = "week02_ngram"
COURSE = "llm-zh"
BIN = Path(sys.executable).parent


def _json(resp) -> dict | list:
    assert resp.status_code == 200, (resp.status_code, resp.request.method, resp.url, resp.text[:2000])
    return resp.json()


def _ok(resp) -> dict | list:
    """nbgrader 的 Assignment List 接口: {"success": true, "value": …}; 失败时带中文原因退出。"""
    body = _json(resp)
    assert body.get("success") is True, body
    return body["value"]


def _fg(resp) -> dict:
    """formgrader 的按钮接口 (release、collect、release_feedback …): {"success": true, "log": …}。"""
    body = _json(resp)
    assert body.get("success") is True, str(body)[-3000:]
    return body


def _names(assignments: list[dict], status: str) -> set[str]:
    return {a["assignment_id"] for a in assignments if a["status"] == status}


@pytest.fixture(scope="module")
def hub():
    cluster = HubCluster()
    try:
        cluster.start()
        tokens = {k: cluster.token(k) for k in ("t1", "t2", "s1", "s2", "s3")}
        cluster.start_servers(["s1", "s2", "s3"])
        for cid, key in ((COURSE, "t1"), ("nlp101", "t2")):
            cluster.wait_service(cid, tokens[key])
        yield cluster, tokens
    finally:
        cluster.stop()


@pytest.fixture(scope="module")
def lifecycle(hub):
    """整个流程跑一遍, 记下每一步的结果给下面的测试检查。"""
    h, tok = hub
    user = {k: h.user(k) for k in ("s1", "s2", "s3")}
    out: dict = {}
    course_dir = h.course_dir(COURSE)
    # 讲师 (grader 用户, formgrader 服务里的终端): 生成学生版, 登记进成绩库
    h.as_user("g1", [str(ensure_shared_venv() / "python"), "-m", "course", "release", WEEK], course_dir,
              {"COURSE_WORKDIR": str(course_dir)})
    out["release"] = _fg(h.post(f"/services/{COURSE}/formgrader/api/assignment/{WEEK}/release", tok["t1"]))
    # 第二门课: formgrader 的 Generate (assign) 与 Release
    _fg(h.post("/services/nlp101/formgrader/api/assignment/hello/assign", tok["t2"]))
    out["release_nlp101"] = _fg(h.post("/services/nlp101/formgrader/api/assignment/hello/release", tok["t2"]))

    # 学生: 课程列表只有自己的课
    out["courses"] = {k: _ok(h.get(f"/user/{user[k]}/courses", tok[k])) for k in user}
    out["listed"] = {k: _ok(h.get(f"/user/{user[k]}/assignments", tok[k], params={"course_id": COURSE}))
                     for k in ("s1", "s2")}
    out["s3_sees_llm"] = h.get(f"/user/{user['s3']}/assignments", tok["s3"], params={"course_id": COURSE}).json()
    # s3 不在 llm-zh 里, 却直接按名字去取 (绕过列表): nbgrader 的 has_access 拒绝
    out["s3_fetch_llm"] = h.post(f"/user/{user['s3']}/assignments/fetch", tok["s3"],
                                 data={"course_id": COURSE, "assignment_id": WEEK})
    for k in ("s1", "s2"):
        _ok(h.post(f"/user/{user[k]}/assignments/fetch", tok[k], data={"course_id": COURSE, "assignment_id": WEEK}))
    _ok(h.post(f"/user/{user['s3']}/assignments/fetch", tok["s3"],
               data={"course_id": "nlp101", "assignment_id": "hello"}))

    # 做题: 经 contents API 读出取回的 notebook, 填上答案再存回去 (与在 JupyterLab 里编辑后保存相同)
    source_nb = json.loads(next((course_dir / "source" / WEEK).glob("*.ipynb")).read_text(encoding="utf-8"))
    fetched = {}
    for k, kind in (("s1", "perfect"), ("s2", "buggy")):
        listing = _json(h.get(f"/user/{user[k]}/api/contents/{COURSE}/{WEEK}", tok[k]))
        name = next(item["name"] for item in listing["content"] if item["name"].endswith(".ipynb"))
        path = f"/user/{user[k]}/api/contents/{COURSE}/{WEEK}/{name}"
        nb = _json(h.get(path, tok[k], params={"content": 1}))["content"]
        nb = fill_answers(nb, demo_answers(kind, source_nb, WEEK))
        resp = h.put(path, tok[k], json={"type": "notebook", "format": "json", "content": nb})
        assert resp.status_code in (200, 201), resp.text
        fetched[k] = f"{COURSE}/{WEEK}/{name}"
    out["fetched"] = fetched
    out["validate"] = _json(h.post(f"/user/{user['s1']}/assignments/validate", tok["s1"],
                                   data={"path": fetched["s1"]}))

    # s1 与 s2 同时按 Submit (两个线程在同一个栅栏上放开)
    barrier, results = threading.Barrier(2), {}

    def submit(k: str) -> None:
        barrier.wait()
        results[k] = h.post(f"/user/{user[k]}/assignments/submit", tok[k],
                            data={"course_id": COURSE, "assignment_id": WEEK})
    threads = [threading.Thread(target=submit, args=(k,)) for k in ("s1", "s2")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(300)
    out["submitted"] = {k: _ok(r) for k, r in results.items()}
    _ok(h.post(f"/user/{user['s3']}/assignments/submit", tok["s3"],
               data={"course_id": "nlp101", "assignment_id": "hello"}))
    out["attacks"] = _s4_attacks(h, course_dir)
    # s2 提交之后把 inbound 里自己的 timestamp.txt 改成更早的时间 (想躲开迟交扣分)
    inbound = h.exchange / COURSE / "inbound"
    s2_entry = next(p for p in inbound.iterdir() if p.stat().st_uid == pwd_uid(h.user("s2")))
    proc = _as(h, "s2", f"echo '2020-01-01 00:00:00.000000 UTC' > '{s2_entry}/timestamp.txt'")
    assert proc.returncode == 0, proc.stderr
    out["s2_entry"] = s2_entry.name

    # 讲师: Collect (formgrader 的按钮), 评分 (python -m course grade, 以 root 建沙箱), 看分数, Release Feedback
    out["collect"] = _fg(h.post(f"/services/{COURSE}/formgrader/api/assignment/{WEEK}/collect", tok["t1"]))
    out["collect_nlp101"] = _fg(h.post("/services/nlp101/formgrader/api/assignment/hello/collect", tok["t2"]))
    env = dict(os.environ, COURSE_WORKDIR=str(course_dir), PATH=f"{BIN}{os.pathsep}{os.environ['PATH']}")
    env.pop("COURSE_DB_URL", None)
    graded = subprocess.run([sys.executable, "-m", "course", "grade", "--assignment", WEEK], cwd=course_dir, env=env,
                            capture_output=True, text=True, timeout=1500)
    assert graded.returncode == 0, graded.stdout[-3000:] + graded.stderr[-3000:]
    out["grade_stdout"] = graded.stdout
    out["fg_submissions"] = _json(h.get(f"/services/{COURSE}/formgrader/api/submissions/{WEEK}", tok["t1"]))
    out["release_feedback"] = _fg(h.post(f"/services/{COURSE}/formgrader/api/assignment/{WEEK}/release_feedback",
                                           tok["t1"]))
    out["feedback"] = {}
    for k in ("s1", "s2"):
        _ok(h.post(f"/user/{user[k]}/assignments/fetch_feedback", tok[k],
                   data={"course_id": COURSE, "assignment_id": WEEK}))
        listing = _json(h.get(f"/user/{user[k]}/api/contents/{COURSE}/{WEEK}/feedback", tok[k]))
        stamp = listing["content"][0]["name"]
        html = next(item["name"] for item in _json(h.get(f"/user/{user[k]}/api/contents/{COURSE}/{WEEK}/feedback/"
                                                          f"{stamp}", tok[k]))["content"]
                    if item["name"].endswith(".html"))
        out["feedback"][k] = _json(h.get(f"/user/{user[k]}/api/contents/{COURSE}/{WEEK}/feedback/{stamp}/{html}",
                                         tok[k], params={"content": 1, "format": "text", "type": "file"}))["content"]
    with open(course_dir / "grades.csv", encoding="utf-8") as f:
        out["grades"] = {r["student_id"]: r for r in csv.DictReader(f) if r["assignment"] == WEEK}
    return out


def blank_name() -> str:
    return next((COURSE_ROOT / "release" / WEEK).glob("*.ipynb")).name


def _as(h, key: str, script: str) -> subprocess.CompletedProcess:
    return subprocess.run(["runuser", "-u", h.user(key), "--", "bash", "-c", script], capture_output=True, text=True,
                          timeout=120)


def _s4_attacks(h, course_dir: Path) -> dict:
    """捣乱的学生 s4 (在 llm-zh 里) 以自己的系统用户直接动交换目录, 就像在自己的终端里那样。"""
    inbound = h.exchange / COURSE / "inbound"
    blank = next((COURSE_ROOT / "release" / WEEK).glob("*.ipynb"))
    s2 = h.user("s2")
    own = f"{h.user('s4')}+{WEEK}+{datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M:%S.%f} UTC+own"
    source_nb = next((course_dir / "source" / WEEK).glob("*.ipynb"))
    script = f"""
    set -u
    cd '{inbound}'
    # 1. 冒名: 以 s2 的名义、未来的时间交一份空白作业 (nbgrader 原来会选它顶替 s2 的真作业)
    mkdir '{s2}+{WEEK}+2099-12-31 23:59:59.000000 UTC+forged' && cp '{blank}' '{s2}+{WEEK}+2099-12-31 23:59:59.000000 UTC+forged/'
    # 2. 名字里的时间解析不了 (nbgrader 原来整个 collect 因此失败)
    mkdir 'zz+{WEEK}+not-a-time+x'
    # 3. 自己的提交: 1 GB 的稀疏文件 (原来整个 collect 失败) 与指向参考解答的符号链接
    mkdir '{own}' && truncate -s 1G '{own}/big.bin' && ln -s '{source_nb}' '{own}/{source_nb.name}'
    """
    proc = _as(h, "s4", script)
    assert proc.returncode == 0, proc.stderr
    return {"own": own}


def test_each_person_sees_only_their_courses(hub, lifecycle):
    h, _ = hub
    assert lifecycle["courses"] == {"s1": [COURSE], "s2": [COURSE], "s3": ["nlp101"]}
    for k in ("s1", "s2"):
        assert _names(lifecycle["listed"][k], "released") == {WEEK}
    # s3 不在 llm-zh 的组里: 列表里没有这门课的作业, 按名字直接取也被拒绝, 家目录里什么也没有
    assert lifecycle["s3_sees_llm"] == {"success": True, "value": []}, lifecycle["s3_sees_llm"]
    refused = lifecycle["s3_fetch_llm"]   # nbgrader 的 fetch 接口总是回复列表; 被拒绝时列表里没有取回的作业
    assert refused.status_code != 200 or not _names(refused.json().get("value") or [], "fetched"), refused.text[:500]
    assert not (h.home("s3") / COURSE).exists()


def test_students_fetch_into_their_own_home(hub, lifecycle):
    h, _ = hub
    for k in ("s1", "s2"):
        nb = h.home(k) / lifecycle["fetched"][k]
        assert nb.is_file()
        assert nb.stat().st_uid == int(subprocess.check_output(["id", "-u", h.user(k)]))
    assert (h.home("s3") / "nlp101" / "hello" / "hello.ipynb").is_file()
    assert not (h.home("s3") / COURSE).exists()


def test_validate_runs_through_the_hub(lifecycle):
    result = lifecycle["validate"]
    assert result["success"] is True, result
    assert not result["value"].get("failed") and not result["value"].get("changed"), result["value"]


def test_two_students_submit_at_the_same_time(hub, lifecycle):
    h, _ = hub
    for k in ("s1", "s2"):
        assert _names(lifecycle["submitted"][k], "submitted") == {WEEK}, lifecycle["submitted"][k]
    import pwd

    real = sorted(p.name.split("+")[0] for p in (h.exchange / COURSE / "inbound").iterdir()
                  if pwd.getpwuid(p.stat().st_uid).pw_name in (h.user("s1"), h.user("s2")))
    assert real == sorted([h.user("s1"), h.user("s2")]), real   # 各一份, 同时提交也没有互相覆盖
    collected = sorted(p.name for p in (h.course_dir(COURSE) / "submitted").iterdir())
    assert collected == sorted([h.user("s1"), h.user("s2"), h.user("s4")]), lifecycle["collect"]
    assert lifecycle["collect"]["success"], lifecycle["collect"]


def test_forged_and_broken_entries_do_not_displace_real_submissions(hub, lifecycle):
    """s4 的冒名与坏名字被拒收并写明原因; s1 s2 的真作业照常收上来, s2 的不是那份空白的冒名作业。"""
    h, _ = hub
    log = lifecycle["collect"]["log"]
    assert lifecycle["collect"]["success"], log
    assert "冒名" in log and "名字格式不对" in log, log
    # s4 自己的提交: 1 GB 的稀疏文件不占磁盘、也不在 include 里, 不影响收作业; 指向参考解答的符号链接原样收进来
    # (不跟随), 评分时整份拒绝并标记
    s4_nb = h.course_dir(COURSE) / "submitted" / h.user("s4") / WEEK / blank_name()
    assert s4_nb.is_symlink(), s4_nb
    assert not (s4_nb.parent / "big.bin").exists()
    assert h.user("s4") not in lifecycle["grades"] or float(lifecycle["grades"][h.user("s4")]["score"]) == 0
    assert "符号链接" in lifecycle["grade_stdout"], lifecycle["grade_stdout"][-3000:]
    submitted = next((h.course_dir(COURSE) / "submitted" / h.user("s2") / WEEK).glob("*.ipynb"))
    blank = next((COURSE_ROOT / "release" / WEEK).glob("*.ipynb"))
    assert submitted.read_bytes() != blank.read_bytes()
    stamp = (submitted.parent / "timestamp.txt").read_text()
    assert not stamp.startswith("2099"), stamp
    # s2 改过的 timestamp.txt (2020 年) 不算: 收进来的是提交目录名字里的时间
    assert stamp == lifecycle["s2_entry"].split("+")[2], (stamp, lifecycle["s2_entry"])
    assert 0 < float(lifecycle["grades"][h.user("s2")]["score"])


def test_classmates_cannot_touch_a_submission_even_knowing_its_name(hub, lifecycle):
    """知道 s1 的提交目录的名字 (例如从日志里) 也没用: 读不了 (0770/0640, PrivateSubmit), 改不了名 (粘滞位);
    每门课的交换目录由 Hub 预先建好、归 grader, 学生改不了名也不能往里加东西。"""
    h, _ = hub
    inbound = h.exchange / COURSE / "inbound"
    entry = next(p for p in inbound.iterdir() if p.name.startswith(h.user("s1") + "+"))
    nb = next(entry.glob("*.ipynb"))
    for script in (f"cat '{nb}'", f"cat '{entry}/submission_secret.txt'", f"ls '{entry}'",
                   f"mv '{entry}' '{inbound}/stolen'", f"touch '{entry}/x.ipynb'",
                   f"mv '{h.exchange / 'nlp101'}' '{h.exchange}/stolen'", f"mkdir '{h.exchange / COURSE}/inbound2'"):
        proc = _as(h, "s4", script)
        assert proc.returncode != 0, (script, proc.stdout[:200])
        assert "Permission denied" in proc.stderr or "Operation not permitted" in proc.stderr, (script, proc.stderr)
    assert stat.S_IMODE(inbound.stat().st_mode) & stat.S_ISVTX


def test_second_course_is_separate(hub, lifecycle):
    h, _ = hub
    assert lifecycle["collect_nlp101"]["success"], lifecycle["collect_nlp101"]
    assert [p.name for p in (h.course_dir("nlp101") / "submitted").iterdir()] == [h.user("s3")]
    assert not (h.course_dir("nlp101") / "submitted" / h.user("s1")).exists()
    assert h.user("s3") not in {p.name for p in (h.course_dir(COURSE) / "submitted").iterdir()}


def test_grades_scores_and_formgrader_agree(hub, lifecycle):
    h, _ = hub
    grades = lifecycle["grades"]
    s1, s2 = grades[h.user("s1")], grades[h.user("s2")]
    assert float(s1["score"]) == float(s1["max_score"]) > 0, s1
    assert 0 < float(s2["score"]) < float(s2["max_score"]), s2
    shown = {row["student"]: row for row in lifecycle["fg_submissions"]}
    for key, row in ((h.user("s1"), s1), (h.user("s2"), s2)):
        assert shown[key]["score"] == pytest.approx(float(row["score"])), shown[key]
        assert shown[key]["max_score"] == pytest.approx(float(row["max_score"]))


def test_students_read_their_own_feedback(hub, lifecycle):
    h, _ = hub
    for k in ("s1", "s2"):
        row = lifecycle["grades"][h.user(k)]
        html = lifecycle["feedback"][k]
        m = re.search(r"Score: ([\d.]+) / ([\d.]+)", html)
        assert m and float(m.group(1)) == float(row["score"]) and float(m.group(2)) == float(row["max_score"]), k
        assert "BEGIN HIDDEN TESTS" not in html


def test_graded_files_belong_to_the_course_owner(hub, lifecycle):
    """root 评分之后, 课程目录里新生成的文件仍归 grader 用户 (formgrader 服务以它运行, 要能改)。"""
    h, _ = hub
    grader_uid = int(subprocess.check_output(["id", "-u", h.user("g1")]))
    course_dir = h.course_dir(COURSE)
    for path in [course_dir / "gradebook.db", course_dir / "grades.csv", *(course_dir / "autograded").rglob("*"),
                 *(course_dir / "feedback").rglob("*")]:
        assert path.stat().st_uid == grader_uid, path


def test_students_cannot_reach_instructor_parts_or_each_other(hub, lifecycle):
    h, tok = hub
    s1 = h.user("s1")
    # formgrader 服务只对 formgrade-llm-zh 组开放
    assert h.get(f"/services/{COURSE}/formgrader/api/assignments", tok["s1"]).status_code == 403
    assert h.get("/services/nlp101/formgrader/api/assignments", tok["t1"]).status_code == 403
    # 别人的服务器
    assert h.get(f"/user/{h.user('s2')}/api/contents", tok["s1"]).status_code == 403
    # 自己的服务器里: 没有 formgrader / course list 扩展, 启动器里没有评分沙箱的内核, 讲师插件被关掉
    assert h.get(f"/user/{s1}/formgrader", tok["s1"]).status_code == 404
    kernels = _json(h.get(f"/user/{s1}/api/kernelspecs", tok["s1"]))["kernelspecs"]
    assert list(kernels) == ["python3"], list(kernels)
    page = h.get(f"/user/{s1}/lab", tok["s1"]).text
    config = json.loads(re.search(r'<script id="jupyter-config-data" type="application/json">(.*?)</script>',
                                  page, re.S).group(1))
    assert set(INSTRUCTOR_LAB_PLUGINS) <= set(config.get("disabledExtensions", [])), config.get("disabledExtensions")
    # 不弹新闻通知 (JupyterLab 的默认设置被 user-config 里的 overrides.json 改掉)
    plugin = _json(h.get(f"/user/{s1}/lab/api/settings/@jupyterlab/apputils-extension:notification", tok["s1"]))
    assert plugin["schema"]["properties"]["fetchNews"]["default"] == "false", plugin["schema"]["properties"]
    # Validate 用不阻塞服务器的版本 (course.instructor.validate_async)
    server_cfg = json.loads((h.user_config / "jupyter_server_config.json").read_text(encoding="utf-8"))
    assert server_cfg["ServerApp"]["jpserver_extensions"]["course.instructor.validate_async"] is True
    assert "course.instructor.validate_async | extension was successfully loaded" in h.log_tail(10 ** 8)


def test_formgrader_service_keeps_instructor_extensions(hub, lifecycle):
    """formgrader 服务 (讲师) 的服务器扩展: formgrader 在, Validate 也是不阻塞的版本。"""
    h, tok = hub
    assert _json(h.get(f"/services/{COURSE}/formgrader/api/status", tok["t1"]))["status"] is True
    cfg = json.loads((h.course_dir(COURSE) / ".jupyter" / "jupyter_server_config.json").read_text(encoding="utf-8"))
    assert cfg["ServerApp"]["jpserver_extensions"] == {"nbgrader.server_extensions.validate_assignment": False,
                                                       "course.instructor.validate_async": True}


def test_students_cannot_read_solutions_or_other_submissions(hub, lifecycle):
    """以学生 s1 的系统用户: 读不到课程目录 (参考解答、成绩库、全班的提交), 列不出交换目录的 inbound/。"""
    h, _ = hub
    course_dir = h.course_dir(COURSE)
    release_name = next((COURSE_ROOT / "source" / WEEK).glob("*.ipynb")).name
    for cmd in (["ls", str(course_dir)], ["cat", str(course_dir / "nbgrader_config.py")],
                ["ls", str(h.exchange / COURSE / "inbound")], ["ls", str(h.home("s2"))],
                # 讲师仓库 (学生的服务器用它的 .venv 与 course/): 参考解答与闸门变体只有主人能读
                ["cat", str(COURSE_ROOT / "source" / WEEK / release_name)],
                ["ls", str(COURSE_ROOT / "tests" / "variants")]):
        proc = subprocess.run(["runuser", "-u", h.user("s1"), "--", *cmd], capture_output=True, text=True)
        assert proc.returncode != 0 and "Permission denied" in proc.stderr, (cmd, proc.stdout[:300])


def test_hub_refuses_a_course_dir_others_can_enter(tmp_path):
    from course.instructor.hub import HubSetupError, check_course_dirs

    course_dir = tmp_path / "c"
    course_dir.mkdir(mode=0o755)
    os.chmod(course_dir, 0o755)
    with pytest.raises(HubSetupError, match="chmod 700"):
        check_course_dirs({"courses": [{"dir": str(course_dir)}]})
    os.chmod(course_dir, 0o700)
    check_course_dirs({"courses": [{"dir": str(course_dir)}]})


def test_each_server_runs_with_private_tmp_and_resource_limits(hub, lifecycle):
    """每个人的服务器: TMPDIR 是自己的 ~/.cache/tmp (0700), 进程在自己的控制组里 (CPU、内存、进程数上限)。"""
    from course.instructor import cgroups

    h, _ = hub
    name = h.user("s1")
    pids = subprocess.run(["pgrep", "-u", name, "-f", "jupyterhub-singleuser"], capture_output=True,
                          text=True).stdout.split()
    assert pids, "s1 的服务器没有在运行"
    env = dict(item.split("=", 1) for item in Path(f"/proc/{pids[0]}/environ").read_text().split("\0") if "=" in item)
    tmp = h.home("s1") / ".cache" / "tmp"
    assert env["TMPDIR"] == str(tmp)
    assert tmp.stat().st_mode & 0o777 == 0o700 and tmp.stat().st_uid == pwd_uid(name)   # (Jupyter 可能加上粘滞位)
    # 每个人的家目录都是 0700, 包括没启动过服务器的讲师与 grader
    for key in ("s1", "s2", "s3", "s4", "t1", "t2", "g1", "g2"):
        assert stat.S_IMODE(h.home(key).stat().st_mode) == 0o700, key
    if not cgroups.available()[0]:
        pytest.skip("这台机器没有可写的 cgroup: 服务器没有资源上限 (Hub 日志里有警告)")
    cg = cgroups.SlotCgroup(f"course-hub-{h.prefix}/{name}")
    assert int(pids[0]) in cg.procs()
    if cg.version == 2:
        d = cg.dirs()[0]
        assert (d / "pids.max").read_text().strip() == "512"
        assert int((d / "memory.max").read_text()) == 4096 * 1024 ** 2
    else:
        pid_dir = next(d for d in cg.dirs() if "/pids/" in str(d))
        mem_dir = next(d for d in cg.dirs() if "/memory/" in str(d))
        assert (pid_dir / "pids.max").read_text().strip() == "512"
        assert int((mem_dir / "memory.limit_in_bytes").read_text()) == 4096 * 1024 ** 2


def pwd_uid(name: str) -> int:
    import pwd

    return pwd.getpwnam(name).pw_uid
