"""一个真的单节点 Slurm 集群 (munge + slurmctld + slurmd), 只给测试用。

配置、状态、日志、munge 密钥与套接字全在一个临时目录里 (不写 /etc, 不碰别的集群): 私有的 munge 密钥与
套接字 (AuthInfo=socket=...), 随机的空闲端口, 独一无二的集群名; 客户端命令 (sbatch, squeue, scontrol, scancel)
通过环境变量 SLURM_CONF 找到这份配置。三个守护进程都在前台运行 (-F / -D), 由 Cluster 启动、停止,
并且只判断、只结束它自己启动的进程 (按进程号)。

slurmd 以 nice 10 运行 (测试本身已经 nice 时不再叠加), 它启动的作业 (评分) 都继承这个 nice 值, 不抢同一台机器上
别的工作。

Example:
    >>> with Cluster.start(cpus=2) as c:                      # doctest: +SKIP
    ...     job = c.sbatch("--wrap", "hostname", "--wait")
"""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

BINARIES = ("munged", "mungekey", "slurmctld", "slurmd", "sbatch", "squeue", "scontrol", "scancel", "sinfo")


def missing_reason() -> str:
    """不能启动集群的原因 (空串 = 可以)。"""
    missing = [b for b in BINARIES if not shutil.which(b) and not Path("/usr/sbin", b).exists()]
    if missing:
        return ("没有安装 Slurm/munge (缺少 " + ", ".join(missing) + "); Debian: apt-get install munge slurmctld "
                "slurmd slurm-client, 或以 root 运行 make slurm")
    if os.geteuid() != 0:
        return "Slurm 测试需要 root (slurmd 要以 root 身份替作业切换用户, 评分沙箱也需要 root)"
    return ""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _exe(name: str) -> str:
    return shutil.which(name) or str(Path("/usr/sbin", name))


class Cluster:
    """临时目录里的单节点集群; `env` 是客户端命令要用的环境 (含 SLURM_CONF)。"""

    def __init__(self, root: Path, cpus: int):
        self.root, self.cpus = root, cpus
        self.node = socket.gethostname().split(".")[0]
        self.name = f"course{os.getpid() % 100000}x{int(time.time()) % 10000}"
        self.conf = root / "slurm.conf"
        self.socket = root / "munge" / "munge.socket"
        self.procs: dict[str, subprocess.Popen] = {}
        self.env = dict(os.environ, SLURM_CONF=str(self.conf))
        for var in [k for k in self.env if k.startswith(("SBATCH_", "SLURM_")) and k != "SLURM_CONF"]:
            del self.env[var]  # 外面若已在一个 Slurm 作业里, 不把它的设置带进这个集群

    # ------------------------------------------------------------ 启动与停止
    @classmethod
    def start(cls, cpus: int = 2) -> "Cluster":
        root = Path(tempfile.mkdtemp(prefix="course-slurm-", dir="/tmp"))
        c = cls(root, cpus)
        try:
            c._start_munge()
            c._write_conf()
            c._start_slurm()
        except BaseException:
            c.stop()
            raise
        return c

    def _spawn(self, name: str, cmd: list[str]) -> None:
        log = open(self.root / f"{name}.stdout", "wb")
        self.procs[name] = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                            env=self.env, start_new_session=True)
        log.close()

    def _start_munge(self) -> None:
        d = self.root / "munge"
        d.mkdir(mode=0o700)
        subprocess.run([_exe("mungekey"), "--create", f"--keyfile={d / 'munge.key'}"], check=True,
                       capture_output=True)
        self._spawn("munged", [_exe("munged"), "--foreground", "--force", f"--socket={self.socket}",
                               f"--key-file={d / 'munge.key'}", f"--log-file={d / 'munged.log'}",
                               f"--pid-file={d / 'munged.pid'}", f"--seed-file={d / 'munged.seed'}"])
        self._wait(lambda: self.socket.exists(), "munged", 30)

    def _write_conf(self) -> None:
        r = self.root
        for d in ("state", "spool"):
            (r / d).mkdir()
        self.conf.write_text(f"""# 测试自己生成的单节点集群配置 (tests/slurm_cluster.py); 测试结束时删除
ClusterName={self.name}
SlurmctldHost={self.node}(127.0.0.1)
SlurmctldPort={_free_port()}
SlurmdPort={_free_port()}
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket={self.socket},cred_expire=10
StateSaveLocation={r / 'state'}
SlurmdSpoolDir={r / 'spool'}
SlurmctldPidFile={r / 'slurmctld.pid'}
SlurmdPidFile={r / 'slurmd.pid'}
SlurmctldLogFile={r / 'slurmctld.log'}
SlurmdLogFile={r / 'slurmd.log'}
PlugStackConfig={r / 'plugstack.conf'}
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
MpiDefault=none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
ReturnToService=2
JobCompType=jobcomp/none
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
JobRequeue=1
KillWait=5
MinJobAge=3600
SlurmctldTimeout=30
SlurmdTimeout=60
NodeName={self.node} NodeAddr=127.0.0.1 CPUs={self.cpus} State=UNKNOWN
PartitionName=course Nodes={self.node} Default=YES MaxTime=INFINITE State=UP OverSubscribe=NO
""", encoding="utf-8")
        (r / "plugstack.conf").write_text("", encoding="utf-8")

    def _start_slurm(self) -> None:
        self._spawn("slurmctld", [_exe("slurmctld"), "-D", "-i", "-f", str(self.conf)])
        self._wait(lambda: self.run("scontrol", "ping", check=False).stdout.count("UP") >= 1, "slurmctld", 60)
        # 作业继承 slurmd 的 nice 值 (至少 10): 评分不抢同一台机器上的别的工作
        self._spawn("slurmd", ["nice", "-n", str(max(0, 10 - os.nice(0))), _exe("slurmd"), "-D", "-f", str(self.conf),
                               "-N", self.node])

        def idle() -> bool:
            out = self.run("sinfo", "-h", "-N", "-o", "%T", check=False).stdout
            return out.strip().rstrip("*") in ("idle", "mixed", "allocated")

        self._wait(idle, "slurmd", 90)

    def _wait(self, ok, what: str, timeout: float) -> None:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            for name, p in self.procs.items():
                if p.poll() is not None:
                    raise RuntimeError(f"{name} 启动后就退出了 (退出码 {p.returncode}):\n{self.logs()}")
            if ok():
                return
            time.sleep(0.5)
        raise RuntimeError(f"{what} 在 {timeout:.0f} s 内没有就绪:\n{self.logs()}")

    def logs(self, tail: int = 3000) -> str:
        out = []
        for f in sorted(self.root.rglob("*.log")) + sorted(self.root.glob("*.stdout")):
            text = f.read_text(encoding="utf-8", errors="replace")
            out.append(f"==> {f.name} <==\n{text[-tail:]}")
        return "\n".join(out)

    def stop(self) -> None:
        """先取消本集群的全部作业, 再按进程号停掉自己启动的守护进程 (slurmd, slurmctld, munged), 删掉临时目录。"""
        if "slurmctld" in self.procs and self.procs["slurmctld"].poll() is None:
            self.run("scancel", "--full", "-p", "course", check=False)
            end = time.monotonic() + 30
            while time.monotonic() < end and self.run("squeue", "-h", check=False).stdout.strip():
                time.sleep(1)
        for name in ("slurmd", "slurmctld", "munged"):
            p = self.procs.get(name)
            if p is None or p.poll() is not None:
                continue
            target = p.pid  # slurmd 由 nice 直接 exec, 进程号不变
            os.kill(target, signal.SIGTERM)
            try:
                p.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.kill(target, signal.SIGKILL)
                p.wait(timeout=10)
        shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> "Cluster":
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    # ------------------------------------------------------------ 客户端命令
    def run(self, *cmd: str, check: bool = True, timeout: float = 120, **kw) -> subprocess.CompletedProcess:
        env = dict(self.env, **kw.pop("env", {}))
        proc = subprocess.run(list(cmd), capture_output=True, text=True, env=env, timeout=timeout, **kw)
        if check and proc.returncode != 0:
            raise RuntimeError(f"{' '.join(cmd)} → {proc.returncode}\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}")
        return proc

    def sbatch(self, *args: str, env: dict | None = None, timeout: float = 1800, cwd: Path | None = None) -> str:
        """sbatch --parsable ...; 返回作业号。"""
        out = self.run("sbatch", "--parsable", *args, env=env or {}, timeout=timeout, cwd=cwd).stdout
        return out.strip().splitlines()[-1].split(";")[0]

    def job_states(self, job: str) -> dict[str, str]:
        """{'<作业号>_<序号>' 或作业号: 状态}, 来自 scontrol (MinJobAge 内已结束的作业也看得到)。"""
        out = self.run("scontrol", "-o", "show", "job", job, check=False).stdout
        states = {}
        for line in out.splitlines():
            fields = dict(kv.split("=", 1) for kv in line.split() if "=" in kv)
            key = fields.get("JobId", "?")
            if fields.get("ArrayTaskId"):
                key = f"{fields['ArrayJobId']}_{fields['ArrayTaskId']}"
            states[key] = fields.get("JobState", "?")
        return states

    def wait_done(self, job: str, timeout: float = 1800) -> dict[str, str]:
        """等 job (含数组的每个任务) 都结束 (不再 PENDING/RUNNING/...); 返回各任务的最终状态。"""
        end = time.monotonic() + timeout
        active = ("PENDING", "RUNNING", "CONFIGURING", "COMPLETING", "REQUEUED", "RESIZING", "SUSPENDED")
        while time.monotonic() < end:
            states = self.job_states(job)
            if states and not any(s in active for s in states.values()):
                return states
            time.sleep(2)
        raise TimeoutError(f"作业 {job} 在 {timeout:.0f} s 内没有结束: {self.job_states(job)}\n{self.logs()}")
