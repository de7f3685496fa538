import torch


def save_training_state(path, model, optimizer, step, generator):
    """把模型参数、优化器状态、步数、取批次的生成器和全局随机数状态存进 path (torch.save 一个 dict)。"""
    torch.save({
        "model": model.state_dict(),
        "optimizer": optimizer.state_dict(),
        "step": int(step),
        "generator": generator.get_state(),
        "torch_rng": torch.get_rng_state(),
    }, path)


def load_training_state(path, model, optimizer, generator):
    """读回 save_training_state 存的文件, 原地恢复 model、optimizer、generator 和全局随机数状态, 返回 step (int)。"""
    state = torch.load(path, weights_only=True)
    model.load_state_dict(state["model"])
    optimizer.load_state_dict(state["optimizer"])
    generator.set_state(state["generator"])
    torch.set_rng_state(state["torch_rng"])
    return int(state["step"])
