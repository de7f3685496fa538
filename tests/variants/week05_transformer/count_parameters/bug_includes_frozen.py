# bug[wrong-math]: 冻结的参数 (requires_grad=False) 也算进去了
def count_parameters(model):
    return sum(p.numel() for p in model.parameters())
