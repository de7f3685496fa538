# 正确: 存成一个扁平的 dict, 生成器状态存成 list 再转回 ByteTensor; 读档时用 map_location="cpu"
import torch


def save_training_state(path, model, optimizer, step, generator):
    blob = {"model_state": model.state_dict(), "optim_state": optimizer.state_dict(), "global_step": step,
            "gen_state": generator.get_state().tolist(), "cpu_rng": torch.get_rng_state().tolist()}
    torch.save(blob, path)


def load_training_state(path, model, optimizer, generator):
    blob = torch.load(path, map_location="cpu", weights_only=True)
    torch.set_rng_state(torch.tensor(blob["cpu_rng"], dtype=torch.uint8))
    generator.set_state(torch.tensor(blob["gen_state"], dtype=torch.uint8))
    optimizer.load_state_dict(blob["optim_state"])
    model.load_state_dict(blob["model_state"])
    return int(blob["global_step"])
