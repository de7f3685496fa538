# bug[wrong-math]: 数的是参数张量的个数, 不是元素个数
def count_parameters(model):
    return len([p for p in model.parameters() if p.requires_grad])
