# bug[stale-state]: 存了取批次的生成器, 却忘了全局随机数状态: 读档后 dropout 的掩码与不中断时不同
import torch


def save_training_state(path, model, optimizer, step, generator):
    torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict(), "step": step,
                "generator": generator.get_state()}, path)


def load_training_state(path, model, optimizer, generator):
    state = torch.load(path, weights_only=True)
    model.load_state_dict(state["model"])
    optimizer.load_state_dict(state["optimizer"])
    generator.set_state(state["generator"])
    return state["step"]
