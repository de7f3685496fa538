# bug[wrong-math]: 读档时返回 step + 1 ("下一步"), 与存档时的 step 不一致, 学习率调度会错开一步
import torch


def save_training_state(path, model, optimizer, step, generator):
    torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict(), "step": step,
                "generator": generator.get_state(), "torch_rng": torch.get_rng_state()}, path)


def load_training_state(path, model, optimizer, generator):
    state = torch.load(path, weights_only=True)
    model.load_state_dict(state["model"])
    optimizer.load_state_dict(state["optimizer"])
    generator.set_state(state["generator"])
    torch.set_rng_state(state["torch_rng"])
    return state["step"] + 1
