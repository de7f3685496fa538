# bug[wrong-math]: 数的是 state_dict, 把缓冲区 (BatchNorm 的滑动均值等) 和共享权重的两个名字都算进去了
def count_parameters(model):
    return sum(t.numel() for t in model.state_dict().values())
