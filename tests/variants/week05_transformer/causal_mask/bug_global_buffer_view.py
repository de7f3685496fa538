# bug[aliasing]: 像 GPT-2 那样预先建一张大掩码, 返回它的切片 (视图): 调用者原地改了结果, 全局的掩码也跟着变了
import torch

_MASK = torch.ones(4096, 4096, dtype=torch.bool).tril()


def causal_mask(T):
    return _MASK[:T, :T]
