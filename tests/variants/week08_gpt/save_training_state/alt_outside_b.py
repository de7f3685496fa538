import copy

import torch


def save_training_state(path, model, optimizer, step, generator):
    """Save everything needed for a bit-exact resume."""
    checkpoint = dict(
        step=step,
        model_state={k: t.detach().cpu().clone() for k, t in model.state_dict().items()},
        optim_state=copy.deepcopy(optimizer.state_dict()),
        rng={"batch_generator": generator.get_state().clone(), "global": torch.get_rng_state().clone()},
    )
    if torch.cuda.is_available():
        checkpoint["rng"]["cuda"] = torch.cuda.get_rng_state_all()
    torch.save(checkpoint, path)


def load_training_state(path, model, optimizer, generator):
    """Restore model, optimizer, generator and global RNG in place; return the saved step."""
    ckpt = torch.load(path, map_location="cpu", weights_only=True)
    model.load_state_dict(ckpt["model_state"])
    optimizer.load_state_dict(ckpt["optim_state"])
    generator.set_state(ckpt["rng"]["batch_generator"])
    torch.set_rng_state(ckpt["rng"]["global"])
    if "cuda" in ckpt["rng"] and torch.cuda.is_available():
        torch.cuda.set_rng_state_all(ckpt["rng"]["cuda"])
    return int(ckpt["step"])
