"""学生 JupyterLab 的 Validate 按钮, 不卡住整个服务器 (jupyter_server 扩展)。

为什么: nbgrader 0.9.6 的 `ValidateAssignmentHandler.post` 在 tornado 的处理函数里同步调用
`Validator.validate` —— 要把整份 notebook 执行一遍 (10–30 秒)。这段时间里事件循环 (event loop) 被占住,
学生的整个 Jupyter 服务器都没反应: 文件浏览器、保存、其他内核的消息、所有 HTTP 请求都要等它做完。

这里的处理函数是 nbgrader 那个的子类, 只把 `post` 改成 `async`, 在工作线程里跑
`validate_notebook` (asyncio.to_thread), 返回的 JSON 与原来的完全一样 ({"success": …, "value": …}),
JupyterLab 里的 Validate 按钮不用改。`/nbgrader_version` 仍用 nbgrader 的处理函数 (Validate 插件会调它)。

学生配置 (course/instructor/lab.py 的 write_student_config) 关掉
`nbgrader.server_extensions.validate_assignment`, 打开本扩展; 两者注册同一个地址, 不能同时开。

Example (jupyter_server_config.json):
    {"ServerApp": {"jpserver_extensions": {
        "nbgrader.server_extensions.validate_assignment": false,
        "course.instructor.validate_async": true}}}
"""
from __future__ import annotations

import asyncio
import json

from jupyter_server.utils import url_path_join as ujoin
from nbgrader.server_extensions.validate_assignment.handlers import (
    NbGraderVersionHandler,
    ValidateAssignmentHandler,
)
from tornado import web

MODULE = "course.instructor.validate_async"


class AsyncValidateAssignmentHandler(ValidateAssignmentHandler):
    """与 nbgrader 的处理函数相同, 但 validate 在工作线程里执行, 事件循环照常服务别的请求。"""

    @web.authenticated
    async def post(self):
        try:
            data = {"path": self.get_argument("path")}
        except web.MissingArgumentError:
            data = self.get_json_body()
        # 执行 notebook 的这几十秒放到线程里 (validate_notebook 自己捕获异常, 返回 success=False)
        output = await asyncio.to_thread(self.validate_notebook, data["path"])
        self.finish(json.dumps(output))


HANDLERS = [
    (r"/assignments/validate", AsyncValidateAssignmentHandler),
    (r"/nbgrader_version", NbGraderVersionHandler),
]


def _jupyter_server_extension_points():
    return [{"module": MODULE}]


def _load_jupyter_server_extension(serverapp):
    serverapp.log.info("Loading the async validate_assignment server extension (%s)", MODULE)
    webapp = serverapp.web_app
    base_url = webapp.settings["base_url"]
    webapp.settings["root_dir"] = serverapp.root_dir   # 与 nbgrader 一样: 处理函数用它限定路径
    webapp.add_handlers(".*$", [(ujoin(base_url, pat), handler) for pat, handler in HANDLERS])


load_jupyter_server_extension = _load_jupyter_server_extension
