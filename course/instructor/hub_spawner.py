"""课程 JupyterHub 的 spawner: 每个人的服务器以他自己的系统用户运行 (LocalProcessSpawner), 再加三件事。

对 Hub 的攻击测试里, 一个学生能做到: 读同学家目录里的答案 (useradd 建的家目录常是 0755)、在共用的 /tmp 里
抢先放一个 jieba 缓存 (之后别人的分词都按它来)、开几百个进程或吃掉几 GB 内存拖垮整台机器。所以启动之前:

1. 家目录改成 0700 (只许他自己进);
2. TMPDIR 指向 `~/.cache/tmp` (0700): tempfile、jieba 等库的临时文件不再放在共用的 /tmp;
3. 启动之后把服务器进程放进它自己的控制组 (cgroup, course/instructor/cgroups.py): CPU、内存、进程数上限,
   内核与终端都是它的子进程, 一起受限; 服务器停下时删掉控制组。没有可写的 cgroup 时只记一条警告。

Example (jupyterhub_config.py, course/instructor/hub.py 就是这样配的):
    c.JupyterHub.spawner_class = "course.instructor.hub_spawner.CourseSpawner"
    c.CourseSpawner.memory_mb = 4096
"""
from __future__ import annotations

import os
import pwd
from pathlib import Path

from jupyterhub.spawner import LocalProcessSpawner
from traitlets import Float, Integer, Unicode

from course.instructor import cgroups


def private_dirs(username: str) -> Path:
    """家目录改成 0700, 建好 ~/.cache/tmp (0700, 归本人); 返回后者。"""
    user = pwd.getpwnam(username)
    home = Path(user.pw_dir)
    mode = home.stat().st_mode & 0o777
    if mode & 0o077:
        os.chmod(home, mode & 0o700)
    tmp = home / ".cache" / "tmp"
    for path in (home / ".cache", tmp):
        if not path.exists():
            path.mkdir()
            os.chown(path, user.pw_uid, user.pw_gid)
    os.chmod(tmp, 0o700)
    return tmp


class CourseSpawner(LocalProcessSpawner):
    """LocalProcessSpawner + 私有家目录与 TMPDIR + 每人一个 cgroup (见模块说明)。"""

    cpus = Float(2.0, help="每个人的服务器 (连同内核) 最多用几个 CPU").tag(config=True)
    memory_mb = Integer(4096, help="内存上限 (MB)").tag(config=True)
    pids = Integer(512, help="进程与线程数上限 (挡住 fork 炸弹)").tag(config=True)
    cgroup_root = Unicode("course-hub", help="控制组放在 /sys/fs/cgroup/<cgroup_root>/<用户名>").tag(config=True)

    def _cgroup(self) -> cgroups.SlotCgroup:
        return cgroups.SlotCgroup(f"{self.cgroup_root}/{self.user.name}")

    def get_env(self):
        env = super().get_env()
        env["TMPDIR"] = str(private_dirs(self.user.name))
        return env

    async def start(self):
        result = await super().start()
        ok, why = cgroups.available()
        if not ok:
            self.log.warning("%s 的服务器没有资源上限: %s", self.user.name, why)
            return result
        cg = self._cgroup()
        cg.create(cpus=self.cpus, memory_mb=self.memory_mb, pids=self.pids)
        cg.attach(self.pid)
        self.log.info("%s 的服务器 (pid %s) 放进控制组 %s: %.1f CPU, %d MB, %d 个进程",
                      self.user.name, self.pid, cg.name, self.cpus, self.memory_mb, self.pids)
        return result

    async def stop(self, now=False):
        await super().stop(now=now)
        if cgroups.available()[0]:
            cg = self._cgroup()
            cg.kill_all()
            cg.remove()
