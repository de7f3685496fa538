# bug[stale-state]: 用模块级的 seen 集合给共享参数去重, 却从不清空: 同一个模型第二次调用时所有参数都 "见过了", 返回 0
_seen = set()


def count_parameters(model):
    total = 0
    for p in model.parameters():
        if p.requires_grad and p not in _seen:
            _seen.add(p)
            total += p.numel()
    return total
