"""基准 (benchmarks): 时间与内存预算由这里测量, 结果写入 bench/results/ 和 README 的表格。"""
