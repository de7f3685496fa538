# 大语言模型课程 / LLM course — `make help` 列出全部目标
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

PG_INITDB := $(wildcard /usr/lib/postgresql/*/bin/initdb)

.PHONY: help setup postgres slurm browser hub check demo test lab lab-instructor release grade gate bench checkpoints clean

help:  ## 列出全部目标 / list targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(STAMP): requirements.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt "setuptools>=68"
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

setup: $(STAMP)  ## 建 .venv 并安装依赖 (幂等) / create .venv and install (idempotent)

postgres:  ## 装 Debian 的 PostgreSQL, 供成绩库测试 (需要 root; 已装则跳过)
	@if [ -n "$(PG_INITDB)" ]; then :; elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "安装 PostgreSQL (apt-get install postgresql) …"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; \
	else echo "[跳过] 没有 PostgreSQL 且不是 root: PostgreSQL 测试会跳过"; fi

BROWSER_OK := $(and $(shell command -v chromium),$(wildcard /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc))

browser:  ## 装 Debian 的 chromium 与 fonts-noto-cjk, 供浏览器端到端测试 (需要 root; 已装则跳过)
	@if [ -n "$(BROWSER_OK)" ]; then :; elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "安装 chromium 与中文字体 (apt-get install chromium fonts-noto-cjk) …"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; \
	else echo "[跳过] 没有 chromium/fonts-noto-cjk 且不是 root: 浏览器端到端测试 (tests/test_browser.py) 会跳过"; fi

SLURM_BINS := $(wildcard /usr/sbin/slurmctld /usr/sbin/slurmd /usr/bin/sbatch /usr/sbin/munged)

CHP_VERSION := 5.3.0
CHP := .cache/hub-npm/node_modules/.bin/configurable-http-proxy

hub: setup  ## JupyterHub 的代理 (npm 的 configurable-http-proxy) 与人人可执行的 venv (.cache/hub-venv), 供 tests/test_hub.py
	@if [ -x "$(CHP)" ]; then :; elif command -v npm >/dev/null; then \
	  echo "安装 configurable-http-proxy@$(CHP_VERSION) (npm, 装在 .cache/hub-npm/) …"; \
	  mkdir -p .cache/hub-npm && npm install --silent --no-audit --no-fund --prefix .cache/hub-npm \
	    configurable-http-proxy@$(CHP_VERSION) >/dev/null; \
	else echo "[跳过] 没有 npm: JupyterHub 测试 (tests/test_hub.py) 会跳过"; fi
	@$(PY) -m course.instructor.hub

slurm:  ## 装 Debian 的 Slurm + munge, 供真集群分片评分的测试 (需要 root; 已装则跳过)
	@if [ "$(words $(SLURM_BINS))" = 4 ]; then :; elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "安装 Slurm 与 munge (apt-get install munge slurmctld slurmd slurm-client) …"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq munge slurmctld slurmd slurm-client >/dev/null; \
	else echo "[跳过] 没有 Slurm/munge 且不是 root: Slurm 集群测试会跳过"; fi

check: setup  ## 环境检查 [OK]/[FAIL] / environment check
	$(PY) -m course check

demo: setup  ## 生成学生版、演示学生、自动评分、反馈、grades.csv、成绩表 / the whole pipeline
	$(PY) -m course demo

test: setup postgres slurm browser hub  ## 全部测试 (含评分闸门、对抗评分、PostgreSQL、Slurm 集群、浏览器端到端) / the whole test suite
	$(PY) -m pytest

WORKSPACE ?= workspace
ROOT_FLAG := $(shell [ "$$(id -u)" = 0 ] && echo --allow-root)

lab: setup  ## 学生: 把 release/ 复制到自己的 workspace/ (git 忽略, 已有的不覆盖), 在那里打开 JupyterLab (Assignment List 用本地交换目录)
	@mkdir -p $(WORKSPACE)
	@for d in release/week*; do [ -e "$(WORKSPACE)/$$(basename $$d)" ] || cp -r "$$d" "$(WORKSPACE)/"; done
	@$(PY) -c "from course.instructor.lab import write_student_config as w; w('.cache/lab-student')"
	cd "$(WORKSPACE)" && JUPYTER_CONFIG_DIR="$(CURDIR)/.cache/lab-student" PATH="$(CURDIR)/$(VENV)/bin:$$PATH" \
	  "$(CURDIR)/$(VENV)/bin/jupyter" lab --no-browser --ip 127.0.0.1 $(ROOT_FLAG) $(LAB_ARGS)

lab-instructor: setup  ## 讲师: 在仓库根目录打开 JupyterLab (Formgrader、Create Assignment; 交换目录 exchange/)
	@$(PY) -c "from course.instructor.lab import ensure_exchange as e, write_instructor_config as w; e(); w('.cache/lab-instructor')"
	JUPYTER_CONFIG_DIR="$(CURDIR)/.cache/lab-instructor" PATH="$(CURDIR)/$(VENV)/bin:$$PATH" $(VENV)/bin/jupyter lab --no-browser --ip 127.0.0.1 \
	  --notebook-dir "$(CURDIR)" $(ROOT_FLAG) $(LAB_ARGS)

release: setup  ## 从 source/ 重新生成 release/ / regenerate release/
	$(PY) -m course release

grade: setup  ## 并行 + 沙箱评分 submitted/ 中的学生 (ARGS="--workers 4 --shard 1/2") / grade
	$(PY) -m course grade $(ARGS)

gate: setup  ## 评分闸门: alt 满分, bug 被抓住 / tests of the tests
	$(PY) -m course gate

bench: setup  ## 时间与内存基准, 结果写入 bench/results/ / benchmarks
	$(PY) -m pip install --quiet -r bench/requirements.txt
	$(PY) -m bench

checkpoints: setup  ## 按步数重新训练随附的迷你 GPT 检查点与字节级 BPE 分词器 (2 核 CPU 上约 23 分钟) / retrain shipped checkpoint + tokenizer
	$(PY) -m bench.checkpoint
	$(PY) -m bench.tokenizer train

clean:  ## 删除生成的评分文件 (保留 .venv) / remove generated grading files
	rm -rf submitted autograded feedback gradebook.db grades.csv grading-report*.json
