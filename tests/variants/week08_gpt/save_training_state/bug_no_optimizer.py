# bug[stale-state]: 只存了模型参数和步数, 没存优化器状态: 读档后 AdamW 的 m, v 从 0 重新开始
import torch


def save_training_state(path, model, optimizer, step, generator):
    torch.save({"model": model.state_dict(), "step": step, "generator": generator.get_state(),
                "torch_rng": torch.get_rng_state()}, path)


def load_training_state(path, model, optimizer, generator):
    state = torch.load(path, weights_only=True)
    model.load_state_dict(state["model"])
    generator.set_state(state["generator"])
    torch.set_rng_state(state["torch_rng"])
    return state["step"]
