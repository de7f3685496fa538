"""多门课的 JupyterHub 配置 (tests/test_hub.py 用的就是这个文件)。

    COURSE_HUB_SPEC=/srv/jupyterhub/courses.json jupyterhub -f course/instructor/deploy/jupyterhub_config.py

以 root 运行 (JupyterHub 用 PAM 核对系统用户的密码, 并以各人的系统用户启动他们的服务器);
用本仓库 .venv 里的 jupyterhub。课程清单的格式见 courses.example.json 与 course/instructor/hub.py。
"""
import json
import os
from pathlib import Path

from course.instructor.hub import configure

c = get_config()  # noqa: F821  (JupyterHub 注入)
configure(c, json.loads(Path(os.environ.get("COURSE_HUB_SPEC", "/srv/jupyterhub/courses.json")).read_text(
    encoding="utf-8")))
