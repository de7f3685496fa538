# 正确: 用 named_modules 遍历每个模块自己的参数, 按 id 去重, 元素数用 math.prod(shape)
import math


def count_parameters(model):
    seen = {}
    for module in model.modules():
        for p in module.parameters(recurse=False):
            if p.requires_grad:
                seen[id(p)] = p
    return sum(math.prod(p.shape) for p in seen.values())
