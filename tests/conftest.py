"""测试共用的夹具 (fixtures)。测试从不写入仓库目录 (用 tmp_path), 也不需要网络。"""
from __future__ import annotations

import os

os.environ.setdefault("MPLBACKEND", "Agg")
