"""评分沙箱 (grading sandbox): 学生代码在一个只给白名单 (allow-list) 的内核里运行。

内核规格 (kernelspec) `course-sandbox` 的启动命令是
`unshare --mount --net --ipc --uts --pid --fork --kill-child -- python -m course.instructor.sandbox -f {connection_file}`。
本模块的 `main()` 是新 PID 命名空间里的 1 号进程 (root), 它:

- **建一个全新的根目录** (tmpfs): 只有 `/usr` 与 `/bin` `/lib*` 的链接、Python 安装、虚拟环境、`course/` 包
  (都只读)、`/sys` (只读)、几项 `/etc` (生成的 passwd/group、动态链接缓存、字体配置)、几个设备节点、新的
  `/proc` (只看得到本命名空间的进程)、私有的 `/tmp` 与 `/dev/shm`, 以及这个槽位的 IPC 目录 (读写)。
  不在白名单上的一律不存在: 课程仓库、别的课程副本、成绩库、答案键、其他学生、`/run/lock`、`/home` ……
- **无网络, 自己的 System V IPC**: 新的网络与 IPC 命名空间 (共享内存、消息队列、信号量随内核一起消失); 内核与评分进程之间走 Unix 套接字 (`KernelManager.transport = "ipc"`,
  套接字在槽位的 IPC 目录里; 评每个学生之前整个目录删掉重建)。
- **非特权用户**: 每个并行评分槽位一个系统用户 (`course-sandbox-N`), chroot 之后降权,
  `no_new_privs`, 自己的会话 (setsid)。
- **整棵进程树一起结束**: 内核是 1 号进程的子进程; 1 号进程退出 (内核结束、超出时间预算, 或评分进程杀掉
  `unshare`) 时内核里剩下的一切 —— 后台进程、fork 循环、换了会话的进程 —— 都被内核杀掉。
- **上限**: 每个槽位一个 cgroup (cgroups.py: CPU 份额、内存、进程数); setrlimit (地址空间、CPU 时间、
  进程/线程数、文件大小、打开文件数); 每份 notebook 的墙钟时间预算 (超出时 1 号进程杀掉全部进程,
  并在只有 root 能写的状态文件里记下原因); 输出字节上限在评分进程一侧 (nbgrader_ext.LimitedExecute)。

需要 Linux 与 root; 不满足时 `available()` 说明原因, 评分退回普通内核, 并在成绩报告里写明 "未沙箱化"。
同一台机器上的几套评分 (例如测试套件与真实的评分) 用环境变量 COURSE_SANDBOX_NS 分开: 各有自己的
用户、IPC 目录与 cgroup, 互不干扰。

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
import signal
import subprocess
import sys
import time
from pathlib import Path

from course.instructor import cgroups
from course.instructor.kernel import STUDENT_HASHSEED  # 与答案键的 PYTHONHASHSEED 不同

KERNEL_NAME = "course-sandbox"
UNSHARE_FLAGS = ("--mount", "--net", "--ipc", "--uts", "--pid", "--fork", "--kill-child")
BASE_IPC_ROOT = Path("/run/course-sandbox")
BASE_USER_PREFIX = "course-sandbox-"
MAX_SLOTS = 128  # 同一台机器上同时评分的工作进程 (可以来自不同的评分命令、不同的课程) 的上限
# 资源上限 (可用环境变量覆盖)
LIMITS = {
    "COURSE_SANDBOX_MEM_GB": 6,        # 地址空间 (RLIMIT_AS), 一个 notebook 的峰值约 1.4 GB
    "COURSE_SANDBOX_CPU_S": 900,       # CPU 时间 (RLIMIT_CPU); 单元超时 30 s 先起作用
    "COURSE_SANDBOX_NPROC": 256,       # 该用户的进程 + 线程数 (RLIMIT_NPROC), 也是 cgroup 的 pids 上限
    "COURSE_SANDBOX_FSIZE_MB": 512,    # 单个文件大小 (RLIMIT_FSIZE)
    "COURSE_SANDBOX_TMP_MB": 1024,     # 新根目录 (含 /tmp) 的 tmpfs 大小
    "COURSE_SANDBOX_WALL_S": 300,      # 每份 notebook 的墙钟时间预算 (诚实的学生约 40 s)
    "COURSE_SANDBOX_CPUS": 1,          # cgroup 的 CPU 份额 (核数)
    "COURSE_SANDBOX_CG_MEM_MB": 4096,  # cgroup 的内存上限
}


def namespace() -> str:
    """COURSE_SANDBOX_NS: 同一台机器上几套互不干扰的评分各用一个名字 (默认空)。"""
    ns = os.environ.get("COURSE_SANDBOX_NS", "")
    if ns and not (ns.isascii() and ns.replace("-", "").isalnum() and len(ns) <= 10):
        raise ValueError(f"COURSE_SANDBOX_NS={ns!r}: 只能用字母、数字和 '-', 最长 10 个字符")
    return ns


def ipc_root() -> Path:
    ns = namespace()
    return BASE_IPC_ROOT / ns if ns else BASE_IPC_ROOT


def user_prefix() -> str:
    ns = namespace()
    return f"{BASE_USER_PREFIX}{ns}-" if ns else BASE_USER_PREFIX


def cgroup_name(slot: int) -> str:
    return f"course-sandbox/{namespace() or 'default'}/slot-{slot}"


class SandboxUnavailable(RuntimeError):
    """这台机器上建不起沙箱 (不是 Linux、不是 root、缺 unshare)。"""


def _limit(name: str) -> int:
    return int(os.environ.get(name, LIMITS[name]))


def user_name(slot: int) -> str:
    return f"{user_prefix()}{slot}"


def available() -> tuple[bool, str]:
    """能否使用沙箱; 不能时给出中文原因。"""
    if not sys.platform.startswith("linux"):
        return False, "沙箱只支持 Linux"
    if os.geteuid() != 0:
        return False, "沙箱需要 root (建用户、unshare、chroot、降权); 当前不是 root"
    for tool in ("unshare", "useradd"):
        if shutil.which(tool) is None and not Path(f"/usr/sbin/{tool}").exists():
            return False, f"找不到命令 {tool} (Debian: apt-get install util-linux passwd)"
    probe = subprocess.run(["unshare", *UNSHARE_FLAGS, "--", "true"],
                           capture_output=True, text=True)
    if probe.returncode != 0:
        return False, f"unshare {' '.join(UNSHARE_FLAGS)} 失败: {probe.stderr.strip()[:200]}"
    return True, ""


def prepare() -> None:
    """建好 IPC 根目录、装好内核规格。幂等。槽位 (用户、IPC 目录、cgroup) 由 claim_slot 按需建立。"""
    ok, why = available()
    if not ok:
        raise SandboxUnavailable(why)
    for d in (BASE_IPC_ROOT, ipc_root()):
        d.mkdir(mode=0o755, parents=True, exist_ok=True)
        os.chmod(d, 0o755)
    install_kernelspec()


def claim_slot() -> tuple[int, int]:
    """占用一个空闲槽位, 返回 (槽位, 锁的文件描述符); 进程结束时锁自动释放。

    槽位用 flock 锁住, 所以同一台机器上的多个评分命令 (两个分片、两门课) 不会共用一个用户或 IPC 目录。
    """
    for slot in range(MAX_SLOTS):
        fd = os.open(ipc_root() / f"slot-{slot}.lock", os.O_CREAT | os.O_RDWR, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            continue
        _ensure_user(slot)
        reset_slot(slot)
        return slot, fd
    raise SandboxUnavailable(f"{MAX_SLOTS} 个沙箱槽位都在使用中")


def _ensure_user(slot: int) -> pwd.struct_passwd:
    name = user_name(slot)
    try:
        return pwd.getpwnam(name)
    except KeyError:
        useradd = shutil.which("useradd") or "/usr/sbin/useradd"
        proc = subprocess.run([useradd, "--system", "--user-group", "--no-create-home", "--home-dir", "/nonexistent",
                               "--shell", "/usr/sbin/nologin", name], capture_output=True, text=True)
        if proc.returncode not in (0, 9):  # 9: 另一个进程刚刚建好了同名用户
            raise SandboxUnavailable(f"useradd {name} 失败: {proc.stderr.strip()}")
        return pwd.getpwnam(name)


def reset_slot(slot: int) -> None:
    """评每个学生之前 (和之后): 杀掉槽位里剩下的一切, IPC 目录整个删掉重建, cgroup 重新写好上限。

    学生在 IPC 目录里放的任何东西 (文件、目录、套接字) 都不会留给下一个学生, 也不会让评分进程出错。
    """
    kill_leftovers(slot)
    pw = _ensure_user(slot)
    ipc = ipc_dir(slot)
    if ipc.is_symlink() or ipc.is_file():
        ipc.unlink()
    shutil.rmtree(ipc, ignore_errors=True)
    ipc.mkdir(mode=0o700)
    os.chown(ipc, pw.pw_uid, pw.pw_gid)
    os.chmod(ipc, 0o700)
    status_file(slot).unlink(missing_ok=True)
    cg = cgroups.SlotCgroup(cgroup_name(slot))
    if cg.version:
        try:
            cg.create(cpus=float(_limit("COURSE_SANDBOX_CPUS")), memory_mb=_limit("COURSE_SANDBOX_CG_MEM_MB"),
                      pids=_limit("COURSE_SANDBOX_NPROC"))
        except OSError:
            pass  # 没有可写的 cgroup: 只剩 setrlimit 与 PID 命名空间


def ipc_dir(slot: int) -> Path:
    return ipc_root() / f"slot-{slot}"


def status_file(slot: int) -> Path:
    """1 号进程记下内核为什么被它结束 (例如 'budget'); 在只有 root 能写的目录里, 学生伪造不了。"""
    return ipc_root() / f"slot-{slot}.status"


def exit_reason(slot: int) -> str:
    """上一份 notebook 是否被沙箱结束; 返回中文原因或空串。"""
    try:
        status = status_file(slot).read_text().strip()
    except OSError:
        return ""
    if status == "budget":
        return (f"超出每份 notebook 的时间预算 ({_limit('COURSE_SANDBOX_WALL_S')} s, wall-clock budget): "
                "沙箱结束了内核和它的全部进程")
    return ""


# 内核规格放在学生的 Jupyter 看不到的地方: 不在 share/jupyter/kernels/ (make lab 的启动器会列出它),
# 只有评分进程把这里加进 JUPYTER_PATH (nbgrader_config.py)。
GRADING_JUPYTER_PATH = Path(sys.prefix) / "share" / "course-grading"
_OLD_KERNEL_DIR = Path(sys.prefix) / "share" / "jupyter" / "kernels" / KERNEL_NAME


def install_kernelspec() -> Path:
    """把 course-sandbox 内核规格写进 <venv>/share/course-grading/kernels/ (只有评分进程看得到)。"""
    folder = GRADING_JUPYTER_PATH / "kernels" / KERNEL_NAME
    folder.mkdir(parents=True, exist_ok=True)
    spec = {
        "argv": [shutil.which("unshare") or "/usr/bin/unshare", *UNSHARE_FLAGS,
                 "--", sys.executable, "-m", "course.instructor.sandbox", "-f", "{connection_file}"],
        "display_name": "Python 3 (评分沙箱 grading sandbox)",
        "language": "python",
        "interrupt_mode": "message",  # 中断走控制通道, 由 sandbox_kernel 升级 (忽略 SIGINT 也打得断)
        "metadata": {"debugger": False},
    }
    (folder / "kernel.json").write_text(json.dumps(spec, indent=1, ensure_ascii=False), encoding="utf-8")
    shutil.rmtree(_OLD_KERNEL_DIR, ignore_errors=True)  # 旧版本装在学生看得见的地方
    return folder


def uninstall() -> list[str]:
    """撤销评分在这台机器上留下的东西: 当前命名空间的槽位 (进程、系统用户、cgroup、IPC 目录) 和内核规格。"""
    done = []
    users = sorted(p.pw_name for p in pwd.getpwall() if p.pw_name.startswith(user_prefix()))
    remove_namespace()
    for name in users:   # 没有锁文件的槽位用户 (例如 IPC 目录被手动删过) 也删掉
        subprocess.run([shutil.which("userdel") or "/usr/sbin/userdel", name], capture_output=True)
    done += [f"系统用户 {u}" for u in users]
    for d in (GRADING_JUPYTER_PATH, _OLD_KERNEL_DIR):
        if d.exists():
            shutil.rmtree(d, ignore_errors=True)
            done.append(f"内核规格 {d}")
    done.append(f"cgroup course-sandbox/{namespace() or 'default'} 与 IPC 目录 {ipc_root()}")
    return done


def kill_leftovers(slot: int) -> list[int]:
    """杀掉槽位 cgroup 里与槽位用户的全部进程; 返回杀不掉的 pid (应为空)。"""
    left: list[int] = []
    cg = cgroups.SlotCgroup(cgroup_name(slot))
    if cg.version:
        left = cg.kill_all()
    try:
        uid = pwd.getpwnam(user_name(slot)).pw_uid
    except KeyError:
        return left
    subprocess.run(["pkill", "-KILL", "-U", str(uid)], capture_output=True)
    return left


def slot_processes(slot: int) -> list[int]:
    """槽位用户或槽位 cgroup 里还活着的进程 (测试用来确认评完之后什么都没留下)。"""
    pids = set(cgroups.SlotCgroup(cgroup_name(slot)).procs())
    try:
        uid = pwd.getpwnam(user_name(slot)).pw_uid
    except KeyError:
        return sorted(pids)
    out = subprocess.run(["pgrep", "-U", str(uid)], capture_output=True, text=True).stdout.split()
    return sorted(pids | {int(p) for p in out})


def remove_namespace() -> None:
    """删掉当前 COURSE_SANDBOX_NS 的全部槽位: 进程、用户、cgroup、IPC 目录 (测试结束时清理自己建的)。"""
    root = ipc_root()
    for lock in sorted(root.glob("slot-*.lock")):
        slot = int(lock.stem.split("-")[1])
        kill_leftovers(slot)
        cgroups.SlotCgroup(cgroup_name(slot)).remove()
        subprocess.run([shutil.which("userdel") or "/usr/sbin/userdel", user_name(slot)], capture_output=True)
    for mountpoint in root.glob("root-*"):
        try:
            mountpoint.rmdir()
        except OSError:
            pass
    cgroups.SlotCgroup(f"course-sandbox/{namespace() or 'default'}").remove()
    if namespace():
        shutil.rmtree(root, ignore_errors=True)


# ---------------------------------------------------------------- 在命名空间里启动内核
def _mount(*args: str) -> None:
    subprocess.run(["mount", *args], check=True, capture_output=True)


def _bind(src: Path, dst: Path, *, writable: bool = False) -> None:
    if src.is_dir():
        dst.mkdir(parents=True, exist_ok=True)
    else:
        dst.parent.mkdir(parents=True, exist_ok=True)
        dst.touch()
    _mount("--rbind", str(src), str(dst))
    if not writable:
        _mount("-o", "remount,bind,ro,nosuid", str(dst))


DEVICES = ("null", "zero", "full", "random", "urandom")
ETC_COPIES = ("ld.so.cache", "ld.so.conf", "nsswitch.conf", "localtime", "host.conf")
ETC_BINDS = ("fonts", "ld.so.conf.d", "alternatives")


def _kept_paths(slot: int) -> list[Path]:
    """新根目录里只读放回的目录: Python 安装、虚拟环境、course 包 (与外面同样的路径)。"""
    import course

    keep = {Path(sys.base_prefix), Path(sys.prefix), Path(course.__file__).parent}
    return sorted({p.resolve() for p in keep if p.resolve() != Path("/usr")})


def _build_root(slot: int, pw: pwd.struct_passwd) -> Path:
    """在私有的挂载命名空间里建一个全新的根目录, 返回它的路径 (白名单, 见模块说明)。"""
    _mount("--make-rprivate", "/")
    # 挂载点在只有 root 能进的 IPC 根目录里 (不是 /tmp: 课程仓库本身可能就在 /tmp 下, 盖住它就绑不回来了)
    root = ipc_root() / f"root-{slot}"
    root.mkdir(mode=0o700, exist_ok=True)
    _mount("-t", "tmpfs", "-o", f"mode=0755,size={_limit('COURSE_SANDBOX_TMP_MB')}m", "sandbox-root", str(root))
    for name in ("bin", "sbin", "lib", "lib32", "lib64", "libx32"):
        top = Path("/") / name
        if top.is_symlink():
            os.symlink(os.readlink(top), root / name)
        elif top.is_dir():
            _bind(top, root / name)
    _bind(Path("/usr"), root / "usr")
    _bind(Path("/sys"), root / "sys")
    for p in _kept_paths(slot):
        _bind(p, root / p.relative_to("/"))
    _bind(ipc_dir(slot), root / ipc_dir(slot).relative_to("/"), writable=True)
    # /etc: 只有几项, passwd/group 现写
    etc = root / "etc"
    etc.mkdir()
    for name in ETC_COPIES:
        src = Path("/etc") / name
        if src.is_file():
            shutil.copyfile(src, etc / name)
    for name in ETC_BINDS:
        if (Path("/etc") / name).is_dir():
            _bind(Path("/etc") / name, etc / name)
    (etc / "passwd").write_text(f"root:x:0:0:root:/nonexistent:/usr/sbin/nologin\n"
                                f"{pw.pw_name}:x:{pw.pw_uid}:{pw.pw_gid}::/tmp/work:/usr/sbin/nologin\n")
    (etc / "group").write_text(f"root:x:0:\n{pw.pw_name}:x:{pw.pw_gid}:\n")
    (etc / "hosts").write_text("127.0.0.1 localhost\n::1 localhost\n")
    # /dev: 几个设备节点, 私有的 /dev/shm
    dev = root / "dev"
    dev.mkdir()
    for name in DEVICES:
        _bind(Path("/dev") / name, dev / name, writable=True)
    for gpu in sorted(Path("/dev").glob("nvidia*")):  # 有 GPU 时让 CUDA 可用
        if not gpu.is_dir():
            _bind(gpu, dev / gpu.name, writable=True)
    (dev / "shm").mkdir(mode=0o1777)
    os.chmod(dev / "shm", 0o1777)
    for name, target in (("fd", "/proc/self/fd"), ("stdin", "/proc/self/fd/0"), ("stdout", "/proc/self/fd/1"),
                         ("stderr", "/proc/self/fd/2")):
        os.symlink(target, dev / name)
    (root / "proc").mkdir()
    _mount("-t", "proc", "-o", "nosuid,nodev,noexec", "proc", str(root / "proc"))
    tmp = root / "tmp"
    tmp.mkdir(exist_ok=True)  # 课程仓库在 /tmp 下时, 上面已经为只读绑定建过它
    os.chmod(tmp, 0o1777)
    return root


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


def _kernel_env() -> dict[str, str]:
    import course

    env = {
        "PATH": f"{Path(sys.executable).parent}:/usr/local/bin:/usr/bin:/bin",
        "HOME": "/tmp/work", "TMPDIR": "/tmp", "MPLCONFIGDIR": "/tmp/work/.matplotlib", "LANG": "C.UTF-8",
        "PYTHONDONTWRITEBYTECODE": "1", "COURSE_GRADING_MODE": "student", "COURSE_SANDBOXED": "1",
        "PYTHONHASHSEED": STUDENT_HASHSEED, "JOBLIB_MULTIPROCESSING": "0",
        # 内核 import 的是评分所用仓库的 course/, 不是虚拟环境里可编辑安装指向的另一份
        "PYTHONPATH": str(Path(course.__file__).resolve().parents[1]),
        "COURSE_EXPECT_ROOT": str(Path(course.__file__).resolve().parents[1]),
        "NBGRADER_EXECUTION": os.environ.get("NBGRADER_EXECUTION", "autograde"),
    }
    for name in ("MPLBACKEND", "COURSE_DEVICE", "OMP_NUM_THREADS", "CUDA_VISIBLE_DEVICES"):
        if name in os.environ:
            env[name] = os.environ[name]
    return env


def _supervise(child: int, slot: int) -> int:
    """1 号进程: 收养并回收孤儿; 内核退出就退出; 超出时间预算就杀掉全部进程并记下原因。"""
    deadline = time.monotonic() + _limit("COURSE_SANDBOX_WALL_S")

    def stop(*_):
        os.kill(-1, signal.SIGKILL)  # 1 号进程发给 -1: 本命名空间里除自己以外的全部进程
        os._exit(1)

    for sig in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):
        signal.signal(sig, stop)
    status = 0
    while True:
        try:
            pid, st = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return status
        if pid == child:
            status = os.waitstatus_to_exitcode(st)
            stop_rest = True
        else:
            stop_rest = False
        if stop_rest:
            try:
                os.kill(-1, signal.SIGKILL)
            except ProcessLookupError:
                pass
            return max(status, 0)
        if time.monotonic() > deadline:
            status_file(slot).write_text("budget")
            stop()
        if pid == 0:
            time.sleep(0.05)


def main(argv: list[str]) -> int:
    """内核规格的入口: `python -m course.instructor.sandbox -f CONNECTION_FILE [内核参数 ...]`。"""
    if len(argv) < 2 or argv[0] != "-f":
        print("用法: python -m course.instructor.sandbox -f CONNECTION_FILE", file=sys.stderr)
        return 2
    if os.getpid() != 1:
        print("沙箱入口必须在新的 PID 命名空间里作为 1 号进程运行 (unshare --pid --fork)", file=sys.stderr)
        return 2
    conn_path, extra = Path(argv[1]), argv[2:]
    conn = json.loads(conn_path.read_text())
    slot = int(os.environ.get("COURSE_SANDBOX_SLOT", "0"))
    if conn.get("transport") != "ipc" or not str(conn.get("ip", "")).startswith(str(ipc_dir(slot)) + "/"):
        print(f"沙箱内核需要 KernelManager.transport='ipc' 且 ip 在 {ipc_dir(slot)}/ 下; 得到 "
              f"{conn.get('transport')!r} {conn.get('ip')!r}", file=sys.stderr)
        return 2
    pw = pwd.getpwnam(user_name(slot))
    fonts = [(p.name, p.read_bytes()) for p in _font_caches()]  # 换根之前读好
    env = _kernel_env()
    cg = cgroups.SlotCgroup(cgroup_name(slot))
    if cg.version:
        try:
            cg.attach(0)  # 1 号进程与它之后的全部子孙都在槽位的 cgroup 里
        except OSError:
            pass
    root = _build_root(slot, pw)
    work = root / "tmp" / "work"
    mpl = work / ".matplotlib"
    mpl.mkdir(parents=True)
    for name, data in fonts:
        (mpl / name).write_bytes(data)
    (work / ".kernel.json").write_text(json.dumps(conn))
    for base, dirs, files in os.walk(work):
        for name in [base, *[os.path.join(base, f) for f in dirs + files]]:
            os.chown(name, pw.pw_uid, pw.pw_gid)
    os.chmod(work / ".kernel.json", 0o600)

    child = os.fork()
    if child == 0:  # 内核: 换根、降权、exec
        try:
            os.chroot(root)
            os.chdir("/tmp/work")
            os.setsid()
            _set_limits()
            _drop_privileges(pw.pw_uid, pw.pw_gid)
            os.umask(0o077)
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 1)  # 内核自己的横幅与日志不要; 单元的输出走 ZMQ, 不受影响
            os.dup2(devnull, 2)  # 学生写到 fd 2 的东西不能混进评分进程的日志
            os.execve(sys.executable, [sys.executable, "-m", "course.instructor.sandbox_kernel", "-f",
                                       "/tmp/work/.kernel.json", *extra], env)
        finally:
            os._exit(127)
    return _supervise(child, slot)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
