# bug[wrong-math]: 逐个模块数自己的参数, 共享的权重被算了两次
def count_parameters(model):
    return sum(p.numel() for m in model.modules() for p in m.parameters(recurse=False) if p.requires_grad)
