"""nbgrader 交换目录 (exchange) 的收作业与发布, 在多人共用的机器 (JupyterHub) 上不让一个学生坑别人。

nbgrader 0.9.6 的 `ExchangeCollect` 在多用户机器上有几处漏洞 (对 JupyterHub 的攻击测试里都做到了):

- inbound/ 人人可写。学生 A 建一个 `B+week02+2099-…+x` 目录: collect 先按文件名里的时间取"最新的",
  再核对目录主人——而主人不对只记一条 warning, 于是 A 伪造的作业顶替了 B 的真作业。
- 一个学生提交里有 1 GB 的稀疏文件 (占不了磁盘), 或一个名字格式不对的目录, 整个 collect 抛异常退出,
  全班都没收上来。
- copytree 跟随符号链接, 并以讲师 (grader) 的身份读: 提交里一个指向 `source/…/02_ngram.ipynb` 的链接会把
  参考解答当成这个学生的作业收进来。

`SafeCollect` (nbgrader_config.py 里 `c.ExchangeFactory.collect`): 先剔除可疑的条目 (不是普通目录、
名字解析不了、主人与名字不符、时间戳在未来), 每条都写进日志 (中文原因), 再在剩下的里取最新的; 每个学生
单独收, 一个出错不影响别人; 复制时不跟随符号链接 (链接原样复制, 评分时 submissions.py 整份拒绝并标记),
大小按实际占用的块计算。

`SafeReleaseAssignment` (`c.ExchangeFactory.release_assignment`): inbound/ 再加粘滞位 (sticky bit, 3733),
别人的提交目录即使知道名字也改不了名、删不掉。

`PrivateSubmit` (学生一侧的 `c.ExchangeFactory.submit`): nbgrader 把提交目录设成 0777, 只靠名字里的随机串
藏着——名字一旦泄露 (日志), 同学就能读、能改。提交之后目录改成 0770: 组是讲师的 (inbound/ 带 setgid),
讲师照常收与删, 别的学生进不去。

Example (nbgrader_config.py):
    c.ExchangeFactory.collect = "course.instructor.exchange.SafeCollect"
    c.ExchangeFactory.release_assignment = "course.instructor.exchange.SafeReleaseAssignment"
    c.ExchangeFactory.submit = "course.instructor.exchange.PrivateSubmit"   # 学生一侧的配置
"""
from __future__ import annotations

import datetime
import glob
import os
import pwd
import shutil
import stat
from collections import defaultdict

from nbgrader.api import Gradebook, MissingEntry
from nbgrader.exchange.default.collect import ExchangeCollect
from nbgrader.exchange.default.release_assignment import ExchangeReleaseAssignment
from nbgrader.exchange.default.submit import ExchangeSubmit
from nbgrader.utils import ignore_patterns, parse_utc

FUTURE_SKEW = datetime.timedelta(minutes=5)   # 允许的时钟误差


def real_size(root: str) -> int:
    """目录里普通文件实际占用的字节数 (按分配的块, 稀疏文件不虚报; 不跟随符号链接)。"""
    total = 0
    for dirpath, _dirs, files in os.walk(root):
        for name in files:
            st = os.lstat(os.path.join(dirpath, name))
            if stat.S_ISREG(st.st_mode):
                total += max(st.st_blocks * 512, min(st.st_size, 4096))   # 小文件可能不占块
    return total


class SafeCollect(ExchangeCollect):
    """见模块说明: 剔除伪造与坏掉的条目, 每个学生单独收, 不跟随符号链接。"""

    def _reject_reason(self, path: str) -> tuple[str | None, dict | None]:
        """(拒收原因, 记录); 能收时原因为 None。"""
        name = os.path.basename(path)
        st = os.lstat(path)
        if not stat.S_ISDIR(st.st_mode):
            return "不是普通目录 (符号链接或文件)", None
        parts = name.rsplit("+", 3)
        try:
            record = {"username": parts[0], "filename": name, "timestamp": parse_utc(parts[2])}
        except Exception:   # noqa: BLE001 —— 名字里的时间解析不了
            return "名字格式不对 (学生+作业+时间+随机串)", None
        if self.check_owner:
            try:
                owner = pwd.getpwuid(st.st_uid).pw_name
            except KeyError:
                owner = f"uid {st.st_uid}"
            if owner != record["username"]:
                return f"目录属于 {owner}, 却以 {record['username']} 的名义提交 (冒名 cheating attempt?)", None
        now = datetime.datetime.now(datetime.timezone.utc)
        stamp = record["timestamp"]
        if stamp.tzinfo is None:
            stamp = stamp.replace(tzinfo=datetime.timezone.utc)
        if stamp > now + FUTURE_SKEW:
            return f"提交时间 {stamp:%Y-%m-%d %H:%M} 在未来 (伪造的时间戳)", None
        return None, record

    def init_src(self):
        if self.coursedir.course_id == "":
            self.fail("No course id specified. Re-run with --course flag.")
        self.course_path = os.path.join(self.root, self.coursedir.course_id)
        self.inbound_path = os.path.join(self.course_path, "inbound")
        if not os.path.isdir(self.inbound_path):
            self.fail(f"Course not found: {self.inbound_path}")
        student_id = self.coursedir.student_id or "*"
        pattern = os.path.join(self.inbound_path, f"{student_id}+{self.coursedir.assignment_id}+*")
        groups: dict[str, list[dict]] = defaultdict(list)
        self.rejected = []
        for path in sorted(glob.glob(pattern)):
            why, record = self._reject_reason(path)
            if why:
                self.rejected.append((os.path.basename(path), why))
                self.log.error("拒收 %s: %s", os.path.basename(path), why)
                continue
            groups[record["username"]].append(record)
        with Gradebook(self.coursedir.db_url, self.coursedir.course_id) as gb:
            try:
                self.duedate = gb.find_assignment(self.coursedir.assignment_id).duedate
            except MissingEntry:
                self.duedate = None
        self.src_records = []
        for records in groups.values():
            records = self._sort_by_timestamp(records)
            if self.duedate is not None and self.before_duedate:
                on_time = [r for r in records if r["timestamp"] <= self.duedate]
                records = on_time or records
            self.src_records.append(records[0])

    def _effective_time(self, record: dict) -> datetime.datetime:
        """这份提交真正的提交时间: 名字里的时间; 但文件的 ctime (学生改不了, touch 也会更新它) 比它晚
        FUTURE_SKEW 以上时——提交之后又改过, 或用旧时间手工建的目录——按最晚的 ctime 算。"""
        stamp = record["timestamp"]
        if stamp.tzinfo is None:
            stamp = stamp.replace(tzinfo=datetime.timezone.utc)
        src = os.path.join(self.inbound_path, record["filename"])
        ctimes = [os.lstat(os.path.join(d, f)).st_ctime for d, _dirs, files in os.walk(src) for f in files]
        changed = datetime.datetime.fromtimestamp(max(ctimes), datetime.timezone.utc) if ctimes else stamp
        return changed if changed > stamp + FUTURE_SKEW else stamp

    def copy_files(self):
        """每个学生单独收: 一个人的提交出错 (太大、读不了) 只跳过他, 记下原因, 接着收下一个。

        收进来的 timestamp.txt 换成 `_effective_time` (学生能改 inbound 里自己的 timestamp.txt, 迟交扣分按它算)。
        """
        everyone, self.failed = self.src_records, []
        try:
            for record in everyone:
                self.src_records = [record]
                try:
                    super().copy_files()
                    self._write_timestamp(record)
                except Exception as exc:   # noqa: BLE001 —— 任何错误都只算这一个学生的
                    self.failed.append((record["username"], str(exc)))
                    self.log.error("没有收 %s 的提交 %s: %s", record["username"], record["filename"], exc)
                    dest = self.coursedir.format_path(self.coursedir.submitted_directory, record["username"],
                                                      self.coursedir.assignment_id)
                    if os.path.isdir(dest) and not os.listdir(dest):
                        os.rmdir(dest)
        finally:
            self.src_records = everyone

    def _write_timestamp(self, record: dict) -> None:
        dest = self.coursedir.format_path(self.coursedir.submitted_directory, record["username"],
                                          self.coursedir.assignment_id)
        if not os.path.isdir(dest):
            return
        when = self._effective_time(record)
        path = os.path.join(dest, "timestamp.txt")
        claimed = open(path, encoding="utf-8").read().strip() if os.path.isfile(path) else ""
        text = when.strftime("%Y-%m-%d %H:%M:%S.%f UTC")
        if claimed != text:
            if when > record["timestamp"].replace(tzinfo=when.tzinfo) + FUTURE_SKEW:
                self.log.warning("%s 的提交在 %s 之后又被改过, 按最后的改动时间 %s 计", record["username"],
                                 record["timestamp"], text)
            if claimed and claimed != text:
                self.log.info("%s 的 timestamp.txt 写的是 %s, 按 %s 计", record["username"], claimed, text)
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)

    def do_copy(self, src, dest, log=None):
        size, limit = real_size(src), 1000 * self.coursedir.max_dir_size
        if size > limit:
            raise RuntimeError(f"提交太大 (directory too big): {size} 字节, 上限 {limit}")
        shutil.copytree(src, dest, symlinks=True,
                        ignore=ignore_patterns(exclude=self.coursedir.ignore, include=self.coursedir.include,
                                               max_file_size=self.coursedir.max_file_size, log=self.log))


class SafeReleaseAssignment(ExchangeReleaseAssignment):
    """发布时给 inbound/ 加粘滞位: 学生只能动自己建的提交目录。"""

    def init_dest(self):
        super().init_dest()
        mode = os.stat(self.inbound_path).st_mode
        if not mode & stat.S_ISVTX:
            os.chmod(self.inbound_path, stat.S_IMODE(mode) | stat.S_ISVTX)


class PrivateSubmit(ExchangeSubmit):
    """提交之后: 提交目录 (及其子目录) 改成 0770, 别的学生进不去, 也就读不了、改不了里面的文件。

    这些目录建在带 setgid 的 inbound/ 里, 组是讲师的, 讲师照常进去收、删。文件仍是 nbgrader 设的 0644:
    copytree 最后的 copystat 会清掉目录的 setgid, 之后写的 timestamp.txt 的组是学生自己的, 讲师只能按 "其他人"
    读它——所以不能把文件也收紧成 0640。
    """

    def copy_files(self):
        super().copy_files()
        dest = os.path.join(self.inbound_path, self.assignment_filename)
        for dirpath, _dirs, _files in os.walk(dest):
            os.chmod(dirpath, 0o770)
