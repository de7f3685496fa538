# bug[edge-shape]: functools.reduce 没给初始值, 没有参数的模型 (nn.Sequential()) 直接报 TypeError
import functools
import operator


def count_parameters(model):
    return functools.reduce(operator.add, (p.numel() for p in model.parameters() if p.requires_grad))
