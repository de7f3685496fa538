"""讲师一侧 (instructor side): 永远不在学生的用户 / 内核里运行的代码。

学生内核只 import `course` 顶层的小库 (data, device, plotting, minigpt, grading 里的检查函数);
这里是评分器本身:

- `workdir`: 课程目录、成绩库地址、讲师错误 (依赖的最底层)
- `kernel`: 闸门与答案键用的 IPython 内核
- `answer_key`: 答案键与内核之外的核对 (verify outside the kernel)
- `gate`: 评分闸门 (tests of the tests)
- `sandbox`, `sandbox_kernel`, `cgroups`: 评分沙箱
- `tamper`: 篡改扫描; `review`: 成绩库里的复核表
- `nbgrader_ext`: nbgrader 预处理器; `submissions`: 提交的检查 (只收普通 .ipynb 文件)
- `results`: 成绩、失败原因、成绩表; `grader`: 并行评分; `pipeline`: 生成学生版与演示
- `cli`: `python -m course …`

依赖只朝一个方向: cli → pipeline → grader → (results, answer_key, sandbox, tamper, review) → workdir;
没有环。
"""
