"""评分沙箱 (grading sandbox): 学生代码在一个受限的内核里运行。

内核规格 (kernelspec) `course-sandbox` 的启动命令是
`unshare --mount --net -- python -m course.instructor.sandbox -f {connection_file}`; 本模块的 `main()`
在新的挂载与网络命名空间 (mount / network namespace) 里, 以 root 身份做完下面几件事,
然后降权并 exec 成普通的 IPython 内核:

- **无网络**: 新的网络命名空间里只有一个关着的 lo; 内核与评分进程之间走 Unix 套接字
  (`KernelManager.transport = "ipc"`, 套接字在 /run/course-sandbox/slot-N/ 里, 只有该槽位的用户可连)。
- **看不见课程仓库**: 课程根目录、评分工作目录、/root、/home、/tmp、Jupyter 运行目录 (别的内核的
  连接文件) 都被空的 tmpfs 盖住; 只把 Python 安装、虚拟环境和 `course/` 包以只读方式放回原处。
  所以 source/ (参考解答)、成绩库、答案键、其他学生的提交都不存在。
- **非特权用户**: 每个并行评分槽位一个系统用户 `course-sandbox-N`, 不能向评分进程发信号,
  也碰不到别的槽位的内核 (/proc 里别人的 environ、套接字都没有权限)。
- **资源上限** (setrlimit, 与 prlimit 相同的机制): 地址空间、CPU 时间、进程/线程数、文件大小、
  打开文件数; 可写的只有 /tmp (一个有大小上限的 tmpfs, 工作目录 /tmp/work 就在里面)。

需要 Linux 与 root (或 CAP_SYS_ADMIN); 不满足时 `available()` 说明原因, 评分退回普通内核,
并在成绩报告里写明 "未沙箱化"。

Example:
    >>> from course.instructor import sandbox
    >>> sandbox.available()   # doctest: +SKIP
    (True, '')
"""
from __future__ import annotations

import ctypes
import fcntl
import json
import os
import pwd
import resource
import shutil
import subprocess
import sys
from pathlib import Path

KERNEL_NAME = "course-sandbox"
IPC_ROOT = Path("/run/course-sandbox")
USER_PREFIX = "course-sandbox-"
MAX_SLOTS = 128  # 同一台机器上同时评分的工作进程 (可以来自不同的评分命令、不同的课程) 的上限
# 资源上限 (可用环境变量覆盖)
LIMITS = {
    "COURSE_SANDBOX_MEM_GB": 6,        # 地址空间 (RLIMIT_AS), 一个 notebook 的峰值约 1.4 GB
    "COURSE_SANDBOX_CPU_S": 900,       # CPU 时间 (RLIMIT_CPU); 单元超时 30 s 先起作用
    "COURSE_SANDBOX_NPROC": 256,       # 该用户的进程 + 线程数 (RLIMIT_NPROC), 挡住 fork 炸弹
    "COURSE_SANDBOX_FSIZE_MB": 512,    # 单个文件大小 (RLIMIT_FSIZE)
    "COURSE_SANDBOX_TMP_MB": 1024,     # /tmp tmpfs 的大小
}


class SandboxUnavailable(RuntimeError):
    """这台机器上建不起沙箱 (不是 Linux、不是 root、缺 unshare)。"""


def _limit(name: str) -> int:
    return int(os.environ.get(name, LIMITS[name]))


def user_name(slot: int) -> str:
    return f"{USER_PREFIX}{slot}"


def available() -> tuple[bool, str]:
    """能否使用沙箱; 不能时给出中文原因。"""
    if not sys.platform.startswith("linux"):
        return False, "沙箱只支持 Linux"
    if os.geteuid() != 0:
        return False, "沙箱需要 root (建用户、unshare、降权); 当前不是 root"
    for tool in ("unshare", "useradd"):
        if shutil.which(tool) is None and not Path(f"/usr/sbin/{tool}").exists():
            return False, f"找不到命令 {tool} (Debian: apt-get install util-linux passwd)"
    probe = subprocess.run(["unshare", "--mount", "--net", "--", "true"], capture_output=True, text=True)
    if probe.returncode != 0:
        return False, f"unshare --mount --net 失败: {probe.stderr.strip()[:200]}"
    return True, ""


def prepare() -> None:
    """建好 IPC 根目录、装好内核规格。幂等。槽位 (用户与 IPC 目录) 由 claim_slot 按需建立。"""
    ok, why = available()
    if not ok:
        raise SandboxUnavailable(why)
    IPC_ROOT.mkdir(mode=0o755, parents=True, exist_ok=True)
    os.chmod(IPC_ROOT, 0o755)
    install_kernelspec()


def claim_slot() -> tuple[int, int]:
    """占用一个空闲槽位, 返回 (槽位, 锁的文件描述符); 进程结束时锁自动释放。

    槽位用 flock 锁住, 所以同一台机器上的多个评分命令 (两个分片、两门课) 不会共用一个用户或 IPC 目录
    —— 共用时一边的清理会杀掉另一边的内核, 两边的内核还会连错套接字。
    """
    for slot in range(MAX_SLOTS):
        fd = os.open(IPC_ROOT / f"slot-{slot}.lock", os.O_CREAT | os.O_RDWR, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            continue
        _prepare_slot(slot)
        return slot, fd
    raise SandboxUnavailable(f"{MAX_SLOTS} 个沙箱槽位都在使用中")


def _prepare_slot(slot: int) -> None:
    name = user_name(slot)
    try:
        pwd.getpwnam(name)
    except KeyError:
        useradd = shutil.which("useradd") or "/usr/sbin/useradd"
        proc = subprocess.run([useradd, "--system", "--user-group", "--no-create-home", "--home-dir", "/nonexistent",
                               "--shell", "/usr/sbin/nologin", name], capture_output=True, text=True)
        if proc.returncode not in (0, 9):  # 9: 另一个进程刚刚建好了同名用户
            raise SandboxUnavailable(f"useradd {name} 失败: {proc.stderr.strip()}")
    pw = pwd.getpwnam(name)
    ipc = ipc_dir(slot)
    ipc.mkdir(mode=0o700, exist_ok=True)
    for stale in ipc.iterdir():  # 上一次留下的套接字
        stale.unlink()
    os.chown(ipc, pw.pw_uid, pw.pw_gid)
    os.chmod(ipc, 0o700)
    kill_leftovers(slot)


def ipc_dir(slot: int) -> Path:
    return IPC_ROOT / f"slot-{slot}"


def install_kernelspec() -> Path:
    """把 course-sandbox 内核规格写进虚拟环境的 share/jupyter/kernels/。"""
    folder = Path(sys.prefix) / "share" / "jupyter" / "kernels" / KERNEL_NAME
    folder.mkdir(parents=True, exist_ok=True)
    spec = {
        "argv": [shutil.which("unshare") or "/usr/bin/unshare", "--mount", "--net", "--",
                 sys.executable, "-m", "course.instructor.sandbox", "-f", "{connection_file}"],
        "display_name": "Python 3 (评分沙箱 grading sandbox)",
        "language": "python",
        "interrupt_mode": "message",  # 中断走控制通道, 由 course.instructor.sandbox_kernel 升级 (忽略 SIGINT 也打得断)
        "metadata": {"debugger": False},
    }
    (folder / "kernel.json").write_text(json.dumps(spec, indent=1, ensure_ascii=False), encoding="utf-8")
    return folder


def kill_leftovers(slot: int) -> None:
    """杀掉该槽位用户剩下的全部进程 (学生留在后台的子进程)。"""
    try:
        uid = pwd.getpwnam(user_name(slot)).pw_uid
    except KeyError:
        return
    subprocess.run(["pkill", "-KILL", "-U", str(uid)], capture_output=True)


# ---------------------------------------------------------------- 在命名空间里启动内核
def _mount(*args: str) -> None:
    subprocess.run(["mount", *args], check=True, capture_output=True)


def _hidden_paths() -> list[Path]:
    from jupyter_core.paths import jupyter_runtime_dir

    from course.grading import COURSE_ROOT

    paths = ["/root", "/home", "/tmp", "/var/tmp", "/dev/shm", "/srv", "/mnt", "/media", str(IPC_ROOT),
             str(COURSE_ROOT), os.environ.get("COURSE_WORKDIR", ""), jupyter_runtime_dir(),
             *os.environ.get("COURSE_SANDBOX_HIDE", "").split(os.pathsep)]
    out = []
    for p in paths:
        if p and Path(p).is_dir():
            out.append(Path(p).resolve())
    return sorted(set(out), key=lambda p: len(p.parts))


def _kept_paths(slot: int) -> list[Path]:
    import course

    keep = {Path(sys.base_prefix), Path(sys.prefix), Path(course.__file__).parent, ipc_dir(slot)}
    return sorted({p.resolve() for p in keep})


def _isolate_filesystem(slot: int) -> None:
    """用 tmpfs 盖住要藏的目录, 再把要留的目录只读地放回原处 (只在本挂载命名空间里生效)。"""
    _mount("--make-rprivate", "/")
    hidden = _hidden_paths()
    keep = [p for p in _kept_paths(slot) if any(p == h or h in p.parents for h in hidden)]
    stage = Path("/mnt")
    _mount("-t", "tmpfs", "-o", "mode=0700,size=1m", "stage", str(stage))
    staged = []
    for i, p in enumerate(keep):
        s = stage / f"keep{i}"
        s.mkdir()
        _mount("--rbind", str(p), str(s))
        staged.append((s, p))
    for h in hidden:
        if h == stage or not h.is_dir():
            continue  # 已被上层的 tmpfs 盖住
        size = _limit("COURSE_SANDBOX_TMP_MB") if h == Path("/tmp") else 1
        mode = "1777" if h == Path("/tmp") else "0755"
        _mount("-t", "tmpfs", "-o", f"mode={mode},size={size}m,nosuid,nodev", "sandbox", str(h))
    for s, p in staged:
        p.mkdir(parents=True, exist_ok=True)
        _mount("--move", str(s), str(p))
        if p != ipc_dir(slot):
            _mount("-o", "remount,bind,ro", str(p))


def _set_limits() -> None:
    mem = _limit("COURSE_SANDBOX_MEM_GB") * 1024 ** 3
    cpu = _limit("COURSE_SANDBOX_CPU_S")
    for res, soft, hard in [(resource.RLIMIT_AS, mem, mem), (resource.RLIMIT_CPU, cpu, cpu + 5),
                            (resource.RLIMIT_NPROC, _limit("COURSE_SANDBOX_NPROC"), _limit("COURSE_SANDBOX_NPROC")),
                            (resource.RLIMIT_FSIZE, _limit("COURSE_SANDBOX_FSIZE_MB") * 1024 ** 2,
                             _limit("COURSE_SANDBOX_FSIZE_MB") * 1024 ** 2),
                            (resource.RLIMIT_NOFILE, 1024, 1024), (resource.RLIMIT_CORE, 0, 0)]:
        resource.setrlimit(res, (soft, hard))


def _drop_privileges(uid: int, gid: int) -> None:
    os.setgroups([])
    os.setresgid(gid, gid, gid)
    os.setresuid(uid, uid, uid)
    libc = ctypes.CDLL(None, use_errno=True)
    PR_SET_NO_NEW_PRIVS = 38
    if libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_NO_NEW_PRIVS) 失败")


def _font_caches() -> list[Path]:
    base = Path(os.environ.get("MPLCONFIGDIR", Path.home() / ".cache" / "matplotlib"))
    return sorted(base.glob("fontlist-*.json"))


def main(argv: list[str]) -> int:
    """内核规格的入口: `python -m course.instructor.sandbox -f CONNECTION_FILE [内核参数 ...]`。"""
    if len(argv) < 2 or argv[0] != "-f":
        print("用法: python -m course.instructor.sandbox -f CONNECTION_FILE", file=sys.stderr)
        return 2
    conn_path, extra = Path(argv[1]), argv[2:]
    conn = json.loads(conn_path.read_text())
    slot = int(os.environ.get("COURSE_SANDBOX_SLOT", "0"))
    if conn.get("transport") != "ipc" or not str(conn.get("ip", "")).startswith(str(ipc_dir(slot)) + "/"):
        print(f"沙箱内核需要 KernelManager.transport='ipc' 且 ip 在 {ipc_dir(slot)}/ 下; 得到 "
              f"{conn.get('transport')!r} {conn.get('ip')!r}", file=sys.stderr)
        return 2
    pw = pwd.getpwnam(user_name(slot))
    fonts = [(p.name, p.read_bytes()) for p in _font_caches()]  # 藏起来之前读好

    _isolate_filesystem(slot)

    work = Path("/tmp/work")
    mpl = work / ".matplotlib"
    mpl.mkdir(parents=True)
    for name, data in fonts:
        (mpl / name).write_bytes(data)
    new_conn = work / ".kernel.json"
    new_conn.write_text(json.dumps(conn))
    for root, dirs, files in os.walk(work):
        for name in [root, *[os.path.join(root, f) for f in dirs + files]]:
            os.chown(name, pw.pw_uid, pw.pw_gid)
    os.chmod(new_conn, 0o600)

    env = {
        "PATH": f"{Path(sys.executable).parent}:/usr/local/bin:/usr/bin:/bin",
        "HOME": str(work), "TMPDIR": "/tmp", "MPLCONFIGDIR": str(mpl), "LANG": "C.UTF-8",
        "PYTHONDONTWRITEBYTECODE": "1", "COURSE_GRADING_MODE": "student", "COURSE_SANDBOXED": "1",
        "NBGRADER_EXECUTION": os.environ.get("NBGRADER_EXECUTION", "autograde"),
    }
    for name in ("MPLBACKEND", "COURSE_DEVICE", "OMP_NUM_THREADS", "CUDA_VISIBLE_DEVICES"):
        if name in os.environ:
            env[name] = os.environ[name]
    _set_limits()
    _drop_privileges(pw.pw_uid, pw.pw_gid)
    os.umask(0o077)
    os.chdir(work)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)  # 内核自己的启动横幅不要; 单元的输出走 ZMQ, 不受影响
    os.execve(sys.executable, [sys.executable, "-m", "course.instructor.sandbox_kernel", "-f", str(new_conn), *extra], env)
    return 1  # 不会到这里


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
