"""`python -m bench`: 依次运行全部基准, 结果写入 bench/results/*.json。

Example:
    $ python -m bench                 # 全部
    $ python -m bench notebooks       # 只跑一个
"""
import importlib
import inspect
import sys

BENCHES = ["notebooks", "grading", "word2vec", "attention", "tokenizer", "ladder"]  # 每个都是 bench/<名字>.py, 有 main(); ladder 约 45 分钟
ARGS = {"tokenizer": ["bench"]}   # 需要子命令的基准 (tokenizer 的 train 属于 make checkpoints)


def main(argv: list[str]) -> int:
    names = argv or BENCHES
    status = 0
    for name in names:
        try:
            module = importlib.import_module(f"bench.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"bench.{name}":
                raise
            print(f"[跳过] bench/{name}.py 不存在")
            continue
        print(f"== bench/{name}.py ==", flush=True)
        result = (module.main(ARGS.get(name, [])) if "argv" in inspect.signature(module.main).parameters
                  else module.main())
        status |= result if isinstance(result, int) else 0
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
