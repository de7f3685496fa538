"""course/instructor/exchange.py 的小单元测试 (整条流程在 test_hub.py 里由捣乱的学生重演)。"""
from __future__ import annotations

import datetime
import os
import pwd
import types

from course.instructor.exchange import SafeCollect, real_size

UTC = datetime.timezone.utc


def _collector(inbound, check_owner=True):
    return types.SimpleNamespace(inbound_path=str(inbound), check_owner=check_owner)


def test_effective_time_uses_ctime_when_files_changed_after_the_named_time(tmp_path):
    """名字里写一小时前, 文件却是现在写的 (提交之后又改, 或手工建的旧名字目录): 按文件的 ctime 算。"""
    hour_ago = datetime.datetime.now(UTC) - datetime.timedelta(hours=1)
    entry = tmp_path / f"me+week+{hour_ago:%Y-%m-%d %H:%M:%S.%f} UTC+x"
    entry.mkdir()
    (entry / "a.ipynb").write_text("{}")
    os.utime(entry / "a.ipynb", (hour_ago.timestamp(), hour_ago.timestamp()))   # 改 mtime 没用: ctime 照样是现在
    record = {"username": "me", "filename": entry.name, "timestamp": hour_ago}
    when = SafeCollect._effective_time(_collector(tmp_path), record)
    assert when > hour_ago + datetime.timedelta(minutes=50)
    # 文件就是在名字里的时间前后写的: 按名字里的时间
    now = datetime.datetime.now(UTC)
    assert SafeCollect._effective_time(_collector(tmp_path), dict(record, timestamp=now)) == now


def test_reject_reason_names_the_problem(tmp_path):
    me = pwd.getpwuid(os.geteuid()).pw_name
    now = datetime.datetime.now(UTC)
    good = tmp_path / f"{me}+week+{now:%Y-%m-%d %H:%M:%S.%f} UTC+ok"
    future = tmp_path / f"{me}+week+2099-01-01 00:00:00.000000 UTC+f"
    forged = tmp_path / f"someone-else+week+{now:%Y-%m-%d %H:%M:%S.%f} UTC+x"
    bad = tmp_path / f"{me}+week+not-a-time+x"
    link = tmp_path / f"{me}+week+{now:%Y-%m-%d %H:%M:%S.%f} UTC+link"
    for d in (good, future, forged, bad):
        d.mkdir()
    link.symlink_to(good)
    c = _collector(tmp_path)
    assert SafeCollect._reject_reason(c, str(good))[0] is None
    assert "未来" in SafeCollect._reject_reason(c, str(future))[0]
    assert "冒名" in SafeCollect._reject_reason(c, str(forged))[0]
    assert "名字格式不对" in SafeCollect._reject_reason(c, str(bad))[0]
    assert "符号链接" in SafeCollect._reject_reason(c, str(link))[0]
    assert SafeCollect._reject_reason(_collector(tmp_path, check_owner=False), str(forged))[0] is None


def test_real_size_counts_allocated_blocks_not_sparse_length(tmp_path):
    with open(tmp_path / "sparse.bin", "wb") as f:
        f.truncate(1 << 30)
    (tmp_path / "data.bin").write_bytes(os.urandom(200_000))
    (tmp_path / "link").symlink_to("/etc/passwd")
    size = real_size(str(tmp_path))
    assert 200_000 <= size < 1_000_000, size
